import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { addClosureNode, isInSubtree, lockClosure, moveClosureNode, removeClosureNode } from './closure-table.ts';
import { departmentTree } from './department-tree.ts';
import { bodyObject, InputProblems, readReference, readText, rejectUnknownKeys } from './organisation-input.ts';

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
  if (creating && data.name === undefined) problems.add('/name', 'name is required');
  problems.throwIfAny('The department is not valid.');
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
  if (!row) throw createError('NOT_FOUND', `There is no department with id '${id}'.`);
  const [ancestors, children] = await Promise.all([
    ctx.db('department_tree').where('descendant', id).where('depth', '>', 0).orderBy('depth', 'desc').pluck('ancestor'),
    ctx.db('departments').where('parent', id).orderBy('id').pluck('id'),
  ]);
  return { ...toDepartment(row), ancestors: ancestors.map(String), children: children.map(String) };
}

async function checkReferences(input: DepartmentInput, trx: Knex.Transaction): Promise<void> {
  const problems = new InputProblems();
  if (input.parent && !(await trx('departments').where('id', input.parent).first('id'))) problems.add('/parent', `department '${input.parent}' does not exist`);
  if (input.head && !(await trx('users').where('id', input.head).first('id'))) problems.add('/head', `user '${input.head}' does not exist`);
  problems.throwIfAny('The department refers to something that does not exist.');
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
    if (!current) throw createError('NOT_FOUND', `There is no department with id '${id}'.`);
    await checkReferences(input, trx);
    const moving = input.parent !== undefined && input.parent !== (current.parent === null ? null : String(current.parent));
    if (moving && input.parent !== null && (await isInSubtree(departmentTree, id, input.parent!, trx))) {
      throw createError('VALIDATION_FAILED', 'A department cannot be placed under itself or one of its own sub-departments.', [
        { path: '/parent', message: `department '${input.parent}' is ${input.parent === id ? 'this department' : 'a sub-department of this one'}` },
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
    if (!current) throw createError('NOT_FOUND', `There is no department with id '${id}'.`);
    if (await trx('departments').where('parent', id).first('id')) {
      throw createError('CONFLICT', 'The department still has sub-departments; move or delete them first.');
    }
    if (await trx('users').where('department', id).first('id')) {
      throw createError('CONFLICT', 'Users still belong to the department (active or not); move them first.');
    }
    await removeClosureNode(departmentTree, id, trx);
    await trx('departments').where({ id }).delete();
  });
}
