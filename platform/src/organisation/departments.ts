import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { addClosureNode, isInSubtree, lockClosure, moveClosureNode, removeClosureNode } from './closure-table.ts';
import { departmentTree } from './department-tree.ts';
import { bodyObject, InputProblems, readReference, readText, rejectUnknownKeys } from './organisation-input.ts';
import { msg } from '../core/messages/message.ts';
import { kindLabel } from '../core/messages/kind-labels.ts';

export interface Department {
  id: string;
  name: string;
  parent: string | null;
  head: string | null;
  depth: number;
  createdAt: string;
}

export interface DepartmentDetail extends Department {
  /** Ids from the root down to the direct parent. */
  ancestors: string[];
  /** Ids of the direct sub-departments. */
  children: string[];
}

export interface DepartmentInput {
  name?: string;
  parent?: string | null;
  head?: string | null;
}

const FIELDS = ['name', 'parent', 'head'] as const;

export function parseDepartmentInput(body: unknown, { creating }: { creating: boolean }): DepartmentInput {
  const data = bodyObject(body);
  const problems = new InputProblems();
  rejectUnknownKeys(data, FIELDS, problems);
  const input: DepartmentInput = { name: readText(data, 'name', 200, problems), parent: readReference(data, 'parent', problems), head: readReference(data, 'head', problems) };
  if (creating && data.name === undefined) problems.add('/name', msg('org.keyRequired', { key: 'name' }));
  problems.throwIfAny(msg('org.departmentInvalid'));
  return input;
}

const toDepartment = (row: Record<string, any>): Department => ({
  id: String(row.id),
  name: row.name,
  parent: row.parent === null ? null : String(row.parent),
  head: row.head === null ? null : String(row.head),
  depth: Number(row.depth),
  createdAt: row.created_at,
});

// Each department with its distance from the root and its root-first path of ids, which orders the
// list depth-first so every parent precedes its sub-departments.
function departmentRows(db: Knex) {
  return db('departments as d')
    .join('department_tree as t', 't.descendant', 'd.id')
    .groupBy('d.id')
    .select('d.id', 'd.name', 'd.parent', 'd.head', 'd.created_at', db.raw('max(t.depth) AS depth'))
    .orderByRaw('array_agg(t.ancestor ORDER BY t.depth DESC)');
}

export async function listDepartments(ctx: Ctx): Promise<Department[]> {
  return (await departmentRows(ctx.db)).map(toDepartment);
}

export async function getDepartment(id: string, ctx: Ctx): Promise<DepartmentDetail> {
  const row = await departmentRows(ctx.db).where('d.id', id).first();
  if (!row) throw createError('NOT_FOUND', msg('org.idNotFound', { what: kindLabel('department'), id }));
  const [ancestors, children] = await Promise.all([
    ctx.db('department_tree').where('descendant', id).where('depth', '>', 0).orderBy('depth', 'desc').pluck('ancestor'),
    ctx.db('departments').where('parent', id).orderBy('id').pluck('id'),
  ]);
  return { ...toDepartment(row), ancestors: ancestors.map(String), children: children.map(String) };
}

async function checkReferences(input: DepartmentInput, trx: Knex.Transaction): Promise<void> {
  const problems = new InputProblems();
  if (input.parent && !(await trx('departments').where('id', input.parent).first('id'))) problems.add('/parent', msg('org.departmentMissing', { id: input.parent }));
  if (input.head && !(await trx('users').where('id', input.head).first('id'))) problems.add('/head', msg('org.userMissing', { id: input.head }));
  problems.throwIfAny(msg('org.departmentDangling'));
}

export async function createDepartment(input: DepartmentInput, ctx: Ctx): Promise<DepartmentDetail> {
  const id = await ctx.db.transaction(async (trx) => {
    await lockClosure(departmentTree, trx);
    await checkReferences(input, trx);
    const [row] = await trx('departments').insert({ name: input.name, parent: input.parent ?? null, head: input.head ?? null }).returning('id');
    await addClosureNode(departmentTree, String(row.id), input.parent ?? null, trx);
    return String(row.id);
  });
  return getDepartment(id, ctx);
}

export async function updateDepartment(id: string, input: DepartmentInput, ctx: Ctx): Promise<DepartmentDetail> {
  await ctx.db.transaction(async (trx) => {
    await lockClosure(departmentTree, trx);
    const current = await trx('departments').where({ id }).first('id', 'parent');
    if (!current) throw createError('NOT_FOUND', msg('org.idNotFound', { what: kindLabel('department'), id }));
    await checkReferences(input, trx);
    const moving = input.parent !== undefined && input.parent !== (current.parent === null ? null : String(current.parent));
    if (moving && input.parent !== null && (await isInSubtree(departmentTree, id, input.parent!, trx))) {
      throw createError('VALIDATION_FAILED', msg('org.departmentCycle'), [
        { path: '/parent', message: msg(input.parent === id ? 'org.departmentIsSelf' : 'org.departmentIsSub', { id: input.parent }) },
      ]);
    }
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    if (Object.keys(changes).length) await trx('departments').where({ id }).update(changes);
    if (moving) await moveClosureNode(departmentTree, id, input.parent!, trx);
  });
  return getDepartment(id, ctx);
}

export async function deleteDepartment(id: string, ctx: Ctx): Promise<void> {
  await ctx.db.transaction(async (trx) => {
    await lockClosure(departmentTree, trx);
    const current = await trx('departments').where({ id }).first('id');
    if (!current) throw createError('NOT_FOUND', msg('org.idNotFound', { what: kindLabel('department'), id }));
    if (await trx('departments').where('parent', id).first('id')) {
      throw createError('CONFLICT', msg('org.hasSubdepartments'));
    }
    if (await trx('users').where('department', id).first('id')) {
      throw createError('CONFLICT', msg('org.hasUsers'));
    }
    await removeClosureNode(departmentTree, id, trx);
    await trx('departments').where({ id }).delete();
  });
}
