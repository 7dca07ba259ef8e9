import { withDb, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { isId } from '../core/identifiers.ts';
import { bodyObject, InputProblems, readReference, rejectUnknownKeys } from '../organisation/organisation-input.ts';
import { isActiveUser } from '../organisation/users.ts';
import { writeHistory } from './history-entries.ts';
import { requireReadableRow } from '../permissions/readable-row.ts';
import { lockRecord } from './locked-record.ts';
import { msg } from '../core/messages/message.ts';

export type ShareAccess = 'read' | 'write';

export interface RecordShare {
  id: string;
  user: { id: string; name: string } | null;
  department: { id: string; name: string } | null;
  access: ShareAccess;
  createdBy: string | null;
  createdAt: string;
}

export interface ShareInput {
  user?: string;
  department?: string;
  access: ShareAccess;
}

interface ShareRow {
  id: string | number;
  user_id: string | number | null;
  user_name: string | null;
  department_id: string | number | null;
  department_name: string | null;
  access: ShareAccess;
  created_by: string | number | null;
  created_at: Date | string;
}

const idOf = (v: string | number | null) => (v === null ? null : String(v));

function toShare(row: ShareRow): RecordShare {
  return {
    id: String(row.id),
    user: row.user_id === null ? null : { id: String(row.user_id), name: String(row.user_name) },
    department: row.department_id === null ? null : { id: String(row.department_id), name: String(row.department_name) },
    access: row.access,
    createdBy: idOf(row.created_by),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function parseShareInput(body: unknown): ShareInput {
  const data = bodyObject(body);
  const problems = new InputProblems();
  rejectUnknownKeys(data, ['user', 'department', 'access'], problems);
  const user = readReference(data, 'user', problems) ?? undefined;
  const department = readReference(data, 'department', problems) ?? undefined;
  if ((user === undefined) === (department === undefined) && !problems.details.length) {
    problems.add('', msg('share.exactlyOne'));
  }
  if (data.access !== 'read' && data.access !== 'write') problems.add('/access', msg('share.access'));
  problems.throwIfAny(msg('share.invalid'));
  return { ...(user ? { user } : {}), ...(department ? { department } : {}), access: data.access as ShareAccess };
}

function sharesOf(ctx: Ctx, object: string, recordId: string) {
  return ctx.db('record_shares as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .where({ 's.object': object, 's.record_id': recordId })
    .select('s.id', 's.user_id', 'u.name as user_name', 's.department_id', 'd.name as department_name', 's.access', 's.created_by', 's.created_at');
}

/** Who a record is shared with; anyone who can read the record may see it. */
export async function listShares(objectName: string, id: string, ctx: Ctx): Promise<RecordShare[]> {
  const record = await requireReadableRow(objectName, id, ctx, ['id']);
  const rows: ShareRow[] = await sharesOf(ctx, objectName, String(record.id)).orderBy('s.id');
  return rows.map(toShare);
}

/** Shares a record with a user or a department, or changes the access of an existing share. Needs transfer. */
export async function addShare(objectName: string, id: string, input: ShareInput, ctx: Ctx): Promise<{ share: RecordShare; created: boolean }> {
  const object = ctx.schema.object(objectName, { recordsOnly: true });
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'transfer', tctx);
    const recordId = locked.id;
    if (input.user) {
      if (!(await isActiveUser(trx, input.user))) throw createError('VALIDATION_FAILED', msg('record.cannotShare'), [{ path: '/user', message: msg('record.shareUserInactive', { user: input.user }) }]);
    } else if (!(await trx('departments').where({ id: input.department }).first('id'))) {
      throw createError('VALIDATION_FAILED', msg('record.cannotShare'), [{ path: '/department', message: msg('record.shareDepartmentMissing', { department: input.department }) }]);
    }
    const [column, target] = input.user ? ['user_id', input.user] : ['department_id', input.department!];
    const result = await trx.raw(
      `INSERT INTO record_shares (object, record_id, ${column}, access, created_by) VALUES (?, ?, ?, ?, ?) ` +
        `ON CONFLICT (object, record_id, ${column}) WHERE ${column} IS NOT NULL DO UPDATE SET access = EXCLUDED.access ` +
        'RETURNING id, (xmax = 0) AS created',
      [object.name, recordId, target, input.access, ctx.actor.id],
    );
    const { id: shareId, created } = result.rows[0] as { id: string | number; created: boolean };
    await writeHistory(trx, object, recordId, 'share', [{ newValue: { [input.user ? 'user' : 'department']: target, access: input.access } }], tctx);
    const row: ShareRow = await sharesOf(tctx, object.name, recordId).where('s.id', shareId).first();
    return { share: toShare(row), created };
  });
}

export async function removeShare(objectName: string, id: string, shareId: string, ctx: Ctx): Promise<void> {
  const object = ctx.schema.object(objectName, { recordsOnly: true });
  await ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'transfer', tctx);
    const missing = createError('NOT_FOUND', msg('record.noSuchShare', { id: String(shareId).slice(0, 40) }));
    if (!isId(shareId)) throw missing;
    const [removed] = await trx('record_shares').where({ id: shareId, object: object.name, record_id: locked.id }).delete().returning(['user_id', 'department_id', 'access']);
    if (!removed) throw missing;
    const target = removed.user_id !== null ? { user: String(removed.user_id) } : { department: String(removed.department_id) };
    await writeHistory(trx, object, locked.id, 'unshare', [{ newValue: { ...target, access: removed.access } }], tctx);
  });
}
