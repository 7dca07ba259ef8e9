import { withDb, type Ctx } from '../core/ctx.ts';
import { bodyObject, InputProblems, readReference, rejectUnknownKeys } from '../organisation/organisation-input.ts';
import { isActiveUser, isPortalUser } from '../organisation/users.ts';
import { writeHistory, type HistoryEntry } from './history-entries.ts';
import type { RecordData } from './record-shape.ts';
import { lockRecord } from './locked-record.ts';
import { updateLocked } from './record-writer.ts';
import { readBack, refuseStaleVersion } from './update-record.ts';
import { msg } from '../core/messages/message.ts';
import { refuseWhileLocked } from './record-locks.ts';

export interface TransferInput {
  owner: string;
  /** The department the record moves to; absent: it keeps its department. */
  department?: string;
  _version?: number;
}

export function parseTransferInput(body: unknown): TransferInput {
  const data = bodyObject(body);
  const problems = new InputProblems();
  rejectUnknownKeys(data, ['owner', 'department', '_version'], problems);
  if (data.owner === undefined || data.owner === null) problems.add('/owner', msg('transfer.owner'));
  const owner = readReference(data, 'owner', problems);
  const department = readReference(data, 'department', problems);
  if (department === null) problems.add('/department', msg('transfer.department'));
  const version = data._version;
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version))) problems.add('/_version', msg('transfer.version'));
  problems.throwIfAny(msg('transfer.invalid'));
  return { owner: owner!, ...(department ? { department } : {}), ...(version !== undefined ? { _version: version as number } : {}) };
}

/**
 * Hands a record over to another owner (and optionally department). Needs the transfer operation on
 * the record; the handover is recorded in the history whether or not the object keeps field history.
 */
export async function transferRecord(objectName: string, id: string, input: TransferInput, ctx: Ctx): Promise<RecordData> {
  const object = ctx.schema.object(objectName, { recordsOnly: true });
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'transfer', tctx);
    if (input._version !== undefined) refuseStaleVersion(locked, input._version);
    await refuseWhileLocked(object, locked.row, 'transfer', tctx);
    const problems = new InputProblems();
    if (!(await isActiveUser(trx, input.owner))) problems.add('/owner', msg('record.shareUserInactive', { user: input.owner }));
    else if (await isPortalUser(trx, input.owner)) problems.add('/owner', msg('record.ownerIsPortalUser', { user: input.owner }));
    if (input.department && !(await trx('departments').where({ id: input.department }).first('id'))) problems.add('/department', msg('org.departmentMissing', { id: input.department }));
    problems.throwIfAny(msg('transfer.cannot'));

    const { row } = locked;
    const before = { owner: row._owner === null ? null : String(row._owner), department: row._department === null ? null : String(row._department) };
    const department = input.department ?? before.department;
    await updateLocked(locked, { _owner: input.owner, _department: department }, tctx);
    const entries: HistoryEntry[] = [{ field: '_owner', oldValue: before.owner, newValue: input.owner }];
    if (department !== before.department) entries.push({ field: '_department', oldValue: before.department, newValue: department });
    await writeHistory(trx, object, locked.id, 'transfer', entries, tctx);
    return readBack(objectName, locked.id, tctx);
  });
}
