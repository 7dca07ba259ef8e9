import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers are the same for every response, so they are computed once at start-up and
 * set in one step instead of running helmet's dozen middlewares on each request. This full set
 * protects the web application's documents.
 */
export function securityHeaders(): RequestHandler {
  const headers: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  helmet()({} as never, recorder as never, () => undefined);
  return staticHeaders(headers);
}

function staticHeaders(headers: readonly [string, string][]): RequestHandler {
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
