import type { Express, Response } from 'express';

/**
 * `res.json` without what an API response does not use: ETags and freshness checks (API responses
 * are `no-store`), and express's generic body-type detection. Status, headers set by the route,
 * HEAD requests and content length behave as before.
 */
export function installJsonResponse(app: Express): void {
  app.response.json = function json(this: Response, body: unknown) {
    const text = JSON.stringify(body) ?? '';
    if (!this.hasHeader('content-type')) this.setHeader('content-type', 'application/json; charset=utf-8');
    this.setHeader('content-length', Buffer.byteLength(text));
    if (this.req.method === 'HEAD') this.end();
    else this.end(text);
    return this;
  };
}
