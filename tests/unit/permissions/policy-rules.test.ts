import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/src/core/ctx.ts';
import type { ObjectGrant } from '../../../platform/src/generated/role.ts';
import { buildSnapshot } from '../../../platform/src/metadata/snapshot.ts';
import { roleFieldAccess, unionFieldAccess } from '../../../platform/src/permissions/field-access.ts';
import { scopeOfOperation, shareAccessFor, statesForbidding } from '../../../platform/src/permissions/operations.ts';
import { resolvePolicy } from '../../../platform/src/permissions/resolve-policy.ts';
import { scopeSql } from '../../../platform/src/permissions/scope-sql.ts';

const snapshot = buildSnapshot(
  [{ version: 1, definition: { name: 'deal', fields: [{ name: 'title', type: 'text' }, { name: 'region', type: 'text' }, { name: 'secret', type: 'text' }, { name: 'parent', type: 'lookup', target: 'deal' }] } }],
  1,
  [
    { name: 'rep', objects: { deal: { operations: ['read', 'update', 'delete'], scope: { read: 'department_tree', update: 'own' }, fields: { secret: 'none' }, states: { approved: { operations: ['read'] } } } } },
    { name: 'auditor', objects: { deal: { operations: ['read', 'export'], fields: { '*': 'read' } } } },
    { name: 'viewer', objects: { deal: { operations: ['read'] } } },
  ],
);
const deal = snapshot.object('deal');
const field = (name: string) => deal.fields.get(name)!;
const actor = (roles: string[], department: string | null = '7'): Actor => ({ kind: 'user', id: '3', username: 'li', department, roles, superuser: false, portal: false, account: null });
const ctxOf = (a: Actor) => ({ db: null as never, schema: snapshot, actor: a, log: null as never, lang: 'en' as const });

describe('scope fallbacks', () => {
  const grant: ObjectGrant = { operations: ['read', 'update', 'delete', 'export', 'transfer', 'approve', 'close_case'], scope: { read: 'department', update: 'own' } };

  it('lets export and approve borrow the read scope, delete, transfer and custom actions the update scope', () => {
    expect(scopeOfOperation(grant, 'export')).toBe('department');
    expect(scopeOfOperation(grant, 'approve')).toBe('department');
    expect(scopeOfOperation(grant, 'delete')).toBe('own');
    expect(scopeOfOperation(grant, 'transfer')).toBe('own');
    expect(scopeOfOperation(grant, 'close_case')).toBe('own');
  });

  it('reads everything without a scope, updates what it reads, creates what it updates and imports what it creates', () => {
    const bare: ObjectGrant = { operations: ['read', 'update', 'create', 'import', 'delete'] };
    expect(scopeOfOperation(bare, 'read')).toBe('all');
    expect(scopeOfOperation(bare, 'delete')).toBe('all');
    expect(scopeOfOperation({ operations: ['read', 'delete'], scope: { read: 'own' } }, 'delete')).toBe('own');
    expect(scopeOfOperation(bare, 'create')).toBe('all');
    expect(scopeOfOperation(bare, 'import')).toBe('all');
    expect(scopeOfOperation(grant, 'create')).toBe('own');
    const own: ObjectGrant = { operations: ['read', 'create', 'import'], scope: { read: 'all', create: 'department' } };
    expect(scopeOfOperation(own, 'create')).toBe('department');
    expect(scopeOfOperation(own, 'import')).toBe('department');
  });

  it('widens read and export by both kinds of share, update only by write shares, nothing else', () => {
    expect(shareAccessFor('read')).toEqual(['read', 'write']);
    expect(shareAccessFor('export')).toEqual(['read', 'write']);
    expect(shareAccessFor('update')).toEqual(['write']);
    for (const op of ['delete', 'transfer', 'create', 'submit']) expect(shareAccessFor(op)).toEqual([]);
  });

  it('names the states in which a role no longer allows an operation', () => {
    const withStates: ObjectGrant = { operations: ['read', 'update'], states: { approved: { operations: ['read'] }, pending: { fields: { '*': 'read' } } } };
    expect(statesForbidding(withStates, 'update')).toEqual(['approved']);
    expect(statesForbidding(withStates, 'read')).toEqual([]);
  });
});

describe('field access', () => {
  const grant: ObjectGrant = { operations: ['read', 'update'], fields: { '*': 'read', title: 'write', secret: 'none' }, states: { pending: { fields: { '*': 'read', secret: 'write' } } } };

  it('takes the field entry, else "*", else write; id and _version stay readable', () => {
    expect(roleFieldAccess(grant, field('title'), null)).toBe('write');
    expect(roleFieldAccess(grant, field('region'), null)).toBe('read');
    expect(roleFieldAccess({ operations: ['read'] }, field('region'), null)).toBe('write');
    expect(roleFieldAccess({ operations: ['read'], fields: { '*': 'none' } }, field('id'), null)).toBe('read');
    expect(roleFieldAccess({ operations: ['read'], fields: { '*': 'none' } }, field('_version'), null)).toBe('read');
  });

  it('lets a state only lower access, never raise it', () => {
    expect(roleFieldAccess(grant, field('title'), 'pending')).toBe('read');
    expect(roleFieldAccess(grant, field('secret'), 'pending')).toBe('none');
  });

  it('gives the most generous access among roles', () => {
    expect(unionFieldAccess([grant, { operations: ['read'], fields: { secret: 'read' } }], field('secret'), null)).toBe('read');
  });
});

describe('scope SQL', () => {
  const target = (department: string | null) => ({ snapshot, object: deal, actor: actor(['rep'], department), alias: 't4' });

  it('answers trees and chains from the closure tables, bound to the actor', () => {
    expect(scopeSql('department_tree', target('7'))).toEqual({ sql: '"t4"."_department" IN (SELECT "descendant" FROM "department_tree" WHERE "ancestor" = ?::bigint)', bindings: ['7'] });
    expect(scopeSql('subordinates', target('7'))).toEqual({ sql: '"t4"."_owner" IN (SELECT "subordinate" FROM "manager_chain" WHERE "manager" = ?::bigint)', bindings: ['3'] });
  });

  it('reaches nothing by department for a user without one, and everything with all', () => {
    expect(scopeSql(['department', 'department_tree'], target(null)).sql).toBe('FALSE');
    expect(scopeSql(['own', 'all'], target(null)).sql).toBe('TRUE');
  });

  it('compiles filter scopes with $user variables on the alias, and as EXISTS when they go through lookups', () => {
    const direct = scopeSql({ filter: { title: { $eq: '$user.username' } } }, target('7'));
    expect(direct.sql).toContain('"t4"."title"');
    expect(direct.bindings).toContain('li');
    const nested = scopeSql({ filter: { 'parent.region': { $eq: 'Sichuan' } } }, target('7'));
    expect(nested.sql).toMatch(/^EXISTS \(SELECT 1 FROM "records"\."deal" AS "ps0" LEFT JOIN/);
    expect(nested.sql).toContain('"ps0"."id" = "t4"."id"');
  });
});

describe('resolvePolicy', () => {
  it('refuses an object no role names and an operation no role grants', () => {
    expect(() => resolvePolicy(ctxOf(actor([])), deal, 'read')).toThrow(/None of your roles/);
    expect(() => resolvePolicy(ctxOf(actor(['viewer'])), deal, 'delete')).toThrow(/not permitted to delete/);
  });

  it('unions roles: an unrestricted read scope removes the row filter', () => {
    expect(resolvePolicy(ctxOf(actor(['rep'])), deal, 'read').rowFilter()).not.toBeNull();
    expect(resolvePolicy(ctxOf(actor(['rep', 'auditor'])), deal, 'read').rowFilter()).toBeNull();
  });

  it('narrows a write by the role state rules and by the read reach', () => {
    const filter = resolvePolicy(ctxOf(actor(['rep'])), deal, 'update').rowFilter()!;
    expect(filter.sql).toContain('"t0"."_owner" = ?::bigint');
    expect(filter.sql).toContain('"t0"."_state" NOT IN (?)');
    expect(filter.sql).toContain('"department_tree"');
    expect(filter.bindings).toContain('approved');
  });

  it('hides a none field from the roles granting the operation only', () => {
    expect(resolvePolicy(ctxOf(actor(['rep'])), deal, 'read').fieldAccess(field('secret'))).toBe('none');
    expect(resolvePolicy(ctxOf(actor(['rep', 'auditor'])), deal, 'read').fieldAccess(field('secret'))).toBe('read');
    expect(resolvePolicy(ctxOf(actor(['rep', 'auditor'])), deal, 'update').fieldAccess(field('secret'))).toBe('none');
  });
});
