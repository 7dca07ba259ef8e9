import { createError } from '../core/errors.ts';

/**
 * Optimistic lock on a definition: `expected` is the `version` (or, for roles, the `updatedAt`) the
 * client read; absent means no check. Called under the definition's lock, before anything is written.
 */
export function refuseStaleDefinition(what: string, expected: number | string | undefined, current: number | string | undefined): void {
  if (expected === undefined || expected === current) return;
  const attribute = typeof expected === 'number' ? 'version' : 'updatedAt';
  const now = current === undefined ? 'it no longer exists' : `its current ${attribute} is ${current}`;
  throw createError('STALE_VERSION', `The ${what} was changed since you read it (${now}); reload it and apply your change again.`, [
    { path: `/${attribute}`, message: current === undefined ? 'the definition no longer exists' : `the current ${attribute} is ${current}` },
  ], current === undefined ? undefined : { [attribute === 'version' ? 'currentVersion' : 'currentUpdatedAt']: current });
}
