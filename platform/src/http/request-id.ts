import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The id a client or proxy sent in x-request-id, else a new one; it names a request in logs and 500 responses. */
export function requestId(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && /^[\w.-]{1,64}$/.test(sent) ? sent : randomUUID();
  req.id = id;
  return id;
}
