import { createError } from '../core/errors.ts';
import { kindLabel, type KindNaming } from '../core/messages/kind-labels.ts';
import { msg } from '../core/messages/message.ts';

/**
 * Optimistic lock on a definition: `expected` is the `version` (or, for roles, the `updatedAt`) the
 * client read; absent means no check. Called under the definition's lock, before anything is written.
 */
export function refuseStaleDefinition(kind: KindNaming, name: string, expected: number | string | undefined, current: number | string | undefined): void {
  if (expected === undefined || expected === current) return;
  const attribute = typeof expected === 'number' ? 'version' : 'updatedAt';
  const now = current === undefined ? msg('definition.gone') : msg('definition.currentIs', { attribute, current });
  throw createError('STALE_VERSION', msg('definition.stale', { kind: kindLabel(kind), name, now }), [
    { path: `/${attribute}`, message: current === undefined ? msg('definition.goneDetail') : msg('definition.currentIsDetail', { attribute, current }) },
  ], current === undefined ? undefined : { [attribute === 'version' ? 'currentVersion' : 'currentUpdatedAt']: current });
}
