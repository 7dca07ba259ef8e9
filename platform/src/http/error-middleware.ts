import type { ErrorRequestHandler } from 'express';
import { createError, detailText, isAppError, statusOf, type AppError } from '../core/errors.ts';
import { msg, renderMessage } from '../core/messages/message.ts';
import type { Logger } from '../core/logger.ts';
import type { SchemaSnapshot } from '../core/snapshot-types.ts';
import { translateDbError } from '../core/translate-db-error.ts';
import { requestId } from './request-id.ts';
import { languageOf } from './request-context.ts';

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

function fromBodyParser(err: BodyParserError): AppError | undefined {
  if (err.type === 'entity.parse.failed') return createError('BAD_REQUEST', msg('http.bodyNotJson'));
  if (err.type === 'entity.too.large') return createError('PAYLOAD_TOO_LARGE', msg('http.bodyTooLarge'));
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') return createError('BAD_REQUEST', msg('http.bodyEncoding'));
  // Any other client-side body failure (bad compression, aborted upload, wrong length).
  if (err.expose === true && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
    return createError('BAD_REQUEST', msg('http.bodyUnreadable'));
  }
  return undefined;
}

function fromMalformedPath(err: unknown): AppError | undefined {
  if (!(err instanceof URIError)) return undefined;
  return createError('BAD_REQUEST', msg('http.malformedPath'));
}

/** The one place errors become responses: known errors keep their code, everything else is a bare 500. */
export function errorMiddleware(schema: () => SchemaSnapshot, log: Logger, counted: (code: string) => void = () => {}): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      // A streamed response (an export) failed midway: abort it so the client cannot take it for complete.
      log.error({ err, requestId: requestId(req) }, 'response failed after it started');
      res.destroy(err instanceof Error ? err : undefined);
      return;
    }
    const id = requestId(req);
    const lang = languageOf(req);
    if (err instanceof URIError) {
      // The router could not percent-decode a path parameter: the client's mistake, so no stack in the log.
      log.info({ requestId: id, method: req.method, url: req.originalUrl }, 'malformed request path');
    }
    const known = isAppError(err) ? err : (fromMalformedPath(err) ?? fromBodyParser(err as BodyParserError) ?? translateDbError(err, schema()));
    if (!known) {
      log.error({ err, requestId: id, method: req.method, url: req.originalUrl }, 'unhandled error');
      counted('INTERNAL');
      res.status(500).json({ error: { code: 'INTERNAL', message: renderMessage(msg('http.internal', { requestId: id }), lang), requestId: id } });
      return;
    }
    const status = statusOf(known.code);
    counted(known.code);
    if (status >= 500) log.error({ err, requestId: id }, known.message);
    const body: Record<string, unknown> = { code: known.code, message: known.text(lang) };
    if (known.details?.length) body.details = known.details.map((d) => ({ ...d, message: detailText(d, lang) }));
    if (known.meta) Object.assign(body, known.meta);
    res.status(status).json({ error: body });
  };
}
