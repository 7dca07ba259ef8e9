import http from 'node:http';
import type { Express, Response } from 'express';

/**
 * JSON API responses are never rendered as documents, so they carry the headers OWASP's REST
 * security guidance lists for APIs rather than the document policies (CSP for scripts, COOP, ...).
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

const API = Symbol('api response');
const JSON_TYPE = 'application/json; charset=utf-8';
const plainWriteHead = http.ServerResponse.prototype.writeHead;

type ApiResponse = Response & { [API]?: boolean };

/**
 * Writes a JSON body with its status, the API security headers and any extra headers in one
 * `writeHead`, which is the cheapest way Node offers to send a response whose headers are known.
 */
export function sendJson(res: Response, status: number, body: unknown, extra?: Record<string, string>): void {
  const text = JSON.stringify(body) ?? '';
  const headers = { ...API_SECURITY_HEADERS, ...extra, 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(text)) };
  (res as ApiResponse)[API] = false;
  if (res.getHeaderNames().length) {
    // Headers set earlier by the route (or a middleware) are kept.
    for (const [name, value] of Object.entries(headers)) if (!res.hasHeader(name) || name.startsWith('content-')) res.setHeader(name, value);
    plainWriteHead.call(res, status);
  } else {
    plainWriteHead.call(res, status, headers);
  }
  if (res.req.method === 'HEAD') res.end();
  else res.end(text);
}

/**
 * Every response under /api gets the API security headers: JSON through `sendJson` (res.json is
 * routed there, without express's ETag and body-type detection), anything else (204s, exports)
 * as its headers are written.
 */
export function installApiResponses(app: Express): (req: unknown, res: Response, next: () => void) => void {
  app.response.json = function json(this: Response, body: unknown) {
    sendJson(this, this.statusCode, body);
    return this;
  };
  app.response.writeHead = function writeHead(this: ApiResponse, ...args: unknown[]) {
    if (this[API]) {
      this[API] = false;
      for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) if (!this.hasHeader(name)) this.setHeader(name, value);
    }
    return (plainWriteHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof app.response.writeHead;
  return (_req, res, next) => {
    (res as ApiResponse)[API] = true;
    next();
  };
}
