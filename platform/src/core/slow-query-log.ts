import type { Knex } from 'knex';
import type { Logger } from './logger.ts';

interface QueryEvent {
  __knexQueryUid?: string;
  sql?: string;
}

/**
 * Logs every statement that takes longer than `thresholdMs` as a warning with its SQL and duration;
 * the bound values stay out of the log (they are customers' data). Returns a function that stops it.
 */
export function logSlowQueries(db: Knex, log: Logger, thresholdMs: number): () => void {
  if (!(thresholdMs > 0)) return () => {};
  const started = new Map<string, number>();
  const onQuery = (q: QueryEvent) => {
    if (q.__knexQueryUid) started.set(q.__knexQueryUid, performance.now());
  };
  const onDone = (_answer: unknown, q: QueryEvent) => {
    const uid = q.__knexQueryUid;
    if (!uid) return;
    const at = started.get(uid);
    started.delete(uid);
    if (at === undefined) return;
    const ms = performance.now() - at;
    if (ms >= thresholdMs) log.warn({ durationMs: Math.round(ms), sql: q.sql }, 'slow query');
  };
  const onError = (_err: unknown, q: QueryEvent) => onDone(undefined, q);
  db.on('query', onQuery);
  db.on('query-response', onDone);
  db.on('query-error', onError);
  return () => {
    db.removeListener('query', onQuery);
    db.removeListener('query-response', onDone);
    db.removeListener('query-error', onError);
  };
}
