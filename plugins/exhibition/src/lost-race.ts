/** The error code of a platform error (`code` on the error), if any. */
export const errorCode = (err: unknown): string | undefined => (err as { code?: unknown } | null)?.code as string | undefined;

/** A write that lost a race to another at the same moment: a unique index (seat, place) or a stale version. */
export const lostRace = (err: unknown): boolean => ['UNIQUE_VIOLATION', 'STALE_VERSION'].includes(errorCode(err) ?? '');

/** A write refused because the record changed since it was read (its `_version`). */
export const isStale = (err: unknown): boolean => errorCode(err) === 'STALE_VERSION';

export const isNotFound = (err: unknown): boolean => errorCode(err) === 'NOT_FOUND';
