import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method: 'GET' | 'POST';
  /**
   * Called for every request: the path (with query), for POST the JSON body, and headers added to
   * (or overriding) `headers` for this request only, e.g. another user's token.
   */
  next(): { path: string; body?: unknown; headers?: Record<string, string> };
  headers?: Record<string, string>;
  /** Called with every answer outside 2xx (autocannon then keeps response bodies). */
  onFailure?(status: number, body: string): void;
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
  /** Answers by HTTP status. */
  statusCodes?: Record<string, number>;
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
          const { path, body, headers: extra } = options.next();
          return {
            ...request,
            path,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            ...(extra === undefined ? {} : { headers: { ...request.headers, ...extra } }),
          };
        },
        ...(options.onFailure === undefined
          ? {}
          : { onResponse: (status: number, body: string) => (status < 200 || status > 299 ? options.onFailure!(status, body) : undefined) }),
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
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count])),
  };
}
