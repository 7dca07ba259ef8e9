import type { Knex } from 'knex';
import { ADMIN_ROLE } from '../organisation/bootstrap-admin.ts';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { LocalizedText, RoleDocument } from '../generated/role.ts';
import { bumpMetaVersion, type SnapshotHolder } from '../metadata/metadata-store.ts';
import { lockedDefinitions } from './object-registry.ts';
import { refuseStaleDefinition } from './definition-lock.ts';
import { buildSnapshot } from '../metadata/snapshot.ts';
import { validateAgainstSchema } from '../metadata/schema-validator.ts';
import { namedRoles } from './check-workflow-definition.ts';
import { checkRoleDocument } from './check-role-document.ts';
import { msg } from '../core/messages/message.ts';

export interface StoredRole {
  document: RoleDocument;
  updatedAt: string;
}

export interface RoleSummary {
  name: string;
  label: LocalizedText | null;
  superuser: boolean;
  updatedAt: string;
}

interface RoleRow {
  name: string;
  document: RoleDocument;
  updated_at: Date | string;
}

const isoOf = (value: Date | string) => new Date(value).toISOString();

function notFound(name: string) {
  return createError('NOT_FOUND', msg('role.notFound', { name }));
}

export async function listRoles(ctx: Ctx): Promise<RoleSummary[]> {
  const rows: RoleRow[] = await ctx.db('roles').orderBy('name').select('name', 'document', 'updated_at');
  return rows.map((r) => ({ name: r.name, label: r.document.label ?? null, superuser: r.document.superuser === true, updatedAt: isoOf(r.updated_at) }));
}

export async function readRole(name: string, ctx: Ctx): Promise<StoredRole> {
  const row: RoleRow | undefined = await ctx.db('roles').where({ name }).first('document', 'updated_at');
  if (!row) throw notFound(name);
  return { document: row.document, updatedAt: isoOf(row.updated_at) };
}

/**
 * Creates or replaces a role after checking it against its JSON Schema and the current objects.
 * Roles are part of the metadata snapshot, so the change bumps its version and every process reloads.
 */
export async function putRole(input: unknown, ctx: Ctx, holder: SnapshotHolder, expectedUpdatedAt?: string): Promise<StoredRole & { created: boolean }> {
  const document = validateAgainstSchema<RoleDocument>('role', input);
  if (document.name === ADMIN_ROLE.name && document.superuser !== true) {
    throw createError('CONFLICT', msg('role.adminStaysSuperuser', { name: ADMIN_ROLE.name }), [{ path: '/superuser', message: msg('role.mustBeTrue') }]);
  }
  const row = await ctx.db.transaction(async (trx) => {
    // Checked against the objects as they are under the metadata lock, so a concurrent object change cannot slip between.
    const objects = buildSnapshot(await lockedDefinitions(trx), 0);
    const details = checkRoleDocument(document, objects);
    if (details.length) throw createError('VALIDATION_FAILED', msg('role.invalid'), details);
    if (document.superuser === true) await refuseSuperuserForPortalUsers(document.name, trx);
    if (expectedUpdatedAt !== undefined) {
      const current: { updated_at: Date | string } | undefined = await trx('roles').where({ name: document.name }).forUpdate().first('updated_at');
      refuseStaleDefinition('role', document.name, expectedUpdatedAt, current && isoOf(current.updated_at));
    }
    const result = await trx.raw(
      'INSERT INTO roles (name, document, updated_at) VALUES (?, ?::jsonb, now()) ' +
        'ON CONFLICT (name) DO UPDATE SET document = EXCLUDED.document, updated_at = now() ' +
        'RETURNING document, updated_at, (xmax = 0) AS created',
      [document.name, JSON.stringify(document)],
    );
    await bumpMetaVersion(trx, 'roles');
    return result.rows[0] as RoleRow & { created: boolean };
  });
  await holder.reload();
  return { document: row.document, updatedAt: isoOf(row.updated_at), created: row.created };
}

/** Portal users cannot be administrators: a role they hold cannot become a superuser role (409 naming them). */
async function refuseSuperuserForPortalUsers(name: string, trx: Knex.Transaction): Promise<void> {
  const holders: string[] = await trx('users').where('kind', 'portal').whereRaw('roles @> ARRAY[?]::text[]', [name]).orderBy('id').limit(6).pluck('username');
  if (!holders.length) return;
  const usernames = holders.slice(0, 5).join(', ') + (holders.length > 5 ? ', …' : '');
  throw createError('CONFLICT', msg('org.heldByPortalUsers', { name, usernames }), [{ path: '/superuser', message: msg('org.portalNoAdmin') }]);
}

/** Deletes a role no user holds any more; the built-in admin role stays. */
export async function deleteRole(name: string, ctx: Ctx, holder: SnapshotHolder): Promise<void> {
  if (name === ADMIN_ROLE.name) throw createError('CONFLICT', msg('role.adminUndeletable', { name: ADMIN_ROLE.name }));
  await ctx.db.transaction(async (trx) => {
    // The row lock makes a concurrent delete of the same role wait and then find nothing.
    const role = await trx('roles').where({ name }).forUpdate().first('name');
    if (!role) throw notFound(name);
    const usedBy = [...holder.snapshot.workflows.values()].filter(({ definition }) => namedRoles(definition).includes(name));
    if (usedBy.length) {
      throw createError('CONFLICT', msg('role.usedByWorkflows', { name, workflows: usedBy.map((w) => w.definition.name).join(', ') }));
    }
    const { holders } = (await trx('users').whereRaw('roles @> ARRAY[?]::text[]', [name]).first(trx.raw('count(*)::int AS holders'))) as { holders: number };
    if (holders > 0) {
      throw createError('CONFLICT', msg('role.stillHeld', { name, holders, users: msg(holders === 1 ? 'role.user' : 'role.users') }), undefined, { holders });
    }
    await trx('roles').where({ name }).delete();
    await bumpMetaVersion(trx, 'roles');
  });
  await holder.reload();
}
