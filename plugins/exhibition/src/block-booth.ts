import type { Caller, RecordData } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import { T } from './texts.ts';

/** `POST /booths/:id/block` and `/unblock`: staff who may update booths take one off sale (a pillar, the organiser's own stand) or put it back. */
export async function setBlocked(boothId: string, blocked: boolean, caller: Caller): Promise<RecordData> {
  if (!(await caller.records.permits('booth', 'update', boothId))) throw pluginError('FORBIDDEN', T.mayNotBlock);
  return caller.transaction(async (tx, system) => {
    const booth = await tx.records.get('booth', boothId);
    if (blocked && booth.status !== 'available' && booth.status !== 'blocked') throw pluginError('CONFLICT', T.blockTaken, [{ path: '/status', message: T.blockTaken }]);
    if (booth.status === (blocked ? 'blocked' : 'available')) return booth;
    if (!blocked && booth.status !== 'blocked') return booth;
    return system.update('booth', boothId, { _version: booth._version, status: blocked ? 'blocked' : 'available' });
  });
}
