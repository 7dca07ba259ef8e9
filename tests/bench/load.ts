import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method: 'GET' | 'POST';
  /** Called for every request: the path (with query) and, for POST, the JSON body. */
  next(): { path: string; body?: unknown };
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Failed requests as a share of all requests: answers outside 2xx plus connection errors. */
export const failureRate = (r: LoadResult) => (r.requests + r.errors === 0 ? 1 : (r.non2xx + r.errors) / (r.requests + r.errors));

/** A fixed-duration closed-loop load of `connections` concurrent clients. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.method === 'POST') headers['content-type'] = 'application/json';
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers,
    requests: [
      {
        method: options.method,
        setupRequest: (request) => {
          const { path, body } = options.next();
          return { ...request, path, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
