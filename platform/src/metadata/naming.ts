import { createHash } from 'node:crypto';

/** Record tables live in their own PostgreSQL schema so object names never clash with platform tables. */
export const RECORDS_SCHEMA = 'records';

export function recordTable(object: string): string {
  return `${RECORDS_SCHEMA}.${object}`;
}

const MAX_IDENTIFIER = 63;

/**
 * A deterministic constraint or index name: readable when it fits PostgreSQL's 63-byte limit,
 * otherwise truncated with a hash so that two long names never collide.
 */
export function constraintName(kind: 'uq' | 'uw' | 'fk' | 'ix' | 'dd' | 'sx' | 'px', object: string, parts: readonly string[]): string {
  const readable = [kind, object, ...parts].join('_').replace(/[^a-z0-9_]/g, '');
  if (readable.length <= MAX_IDENTIFIER) return readable;
  const hash = createHash('sha1').update([kind, object, ...parts].join('|')).digest('hex').slice(0, 10);
  return `${readable.slice(0, MAX_IDENTIFIER - 11)}_${hash}`;
}
