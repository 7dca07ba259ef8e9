import { describe, expect, it } from 'vitest';
import type { RoleDocument } from '../../../platform/src/generated/role.ts';
import { buildSnapshot } from '../../../platform/src/metadata/snapshot.ts';
import { validateAgainstSchema } from '../../../platform/src/metadata/schema-validator.ts';
import { checkRoleDocument } from '../../../platform/src/definitions/check-role-document.ts';
import { parseCidr } from '../../../platform/src/core/parse-cidr.ts';
import { salesRep } from '../../fixtures/spec-roles.ts';
import { paths, schemaProblems as schemaOf } from '../metadata/schema-problems.ts';


const schemaProblems = (document: unknown) => schemaOf('role', document);

describe('role document JSON Schema', () => {
  it('accepts the SPEC example', () => {
    expect(schemaProblems(salesRep)).toEqual([]);
  });

  it('accepts every scope form, labels, menus and custom actions', () => {
    expect(schemaProblems({
      name: 'regional_manager', label: { en: 'Regional manager', 'zh-CN': '区域经理' }, description: 'Sichuan projects', superuser: false,
      login: { allowedCidrs: ['fd00::/8'] },
      objects: {
        project: {
          operations: ['read', 'update', 'approve', 'close_project'],
          scope: {
            read: ['own', 'subordinates', { filter: { region: { $eq: 'Sichuan' } } }],
            update: { filter: { _department: { $eq: '$user.department' } } },
            approve: 'all',
          },
          fields: { '*': 'read', budget: 'write', _owner: 'read' },
        },
      },
      menus: ['projects', 'reports/regional'],
    })).toEqual([]);
  });

  it('reports each problem with its JSON pointer', () => {
    const found = schemaProblems({
      name: 'Sales Rep', superuser: 'yes', extra: 1,
      login: { allowedHours: { from: '24:00', to: '8:00' } },
      objects: {
        Account: { operations: ['read'] },
        lead: { operations: ['Read'], scope: { read: 'everyone' }, fields: { name: 'hidden', 'a/b': 'read' }, states: { open: { operations: ['read'], colour: 'red' } } },
        deal: { scope: { read: [] } },
      },
    });
    expect(paths(found)).toEqual(expect.arrayContaining([
      '/name', '/superuser', '/extra', '/login/allowedHours/from', '/login/allowedHours/to', '/login/allowedHours/tz',
      '/objects/Account', '/objects/lead/operations/0', '/objects/lead/scope/read', '/objects/lead/fields/name', '/objects/lead/fields/a~1b',
      '/objects/lead/states/open/colour', '/objects/deal/operations', '/objects/deal/scope/read',
    ]));
    expect(found.find((p) => p.path === '/extra')?.message).toBe('is not a known property');
    expect(found.find((p) => p.path === '/objects/lead/scope/read')?.message).toMatch(/must be one of: own, subordinates, department, department_tree, all/);
  });

  it('requires a filter object in a filter scope and nothing else beside it', () => {
    expect(paths(schemaProblems({ name: 'r', objects: { a: { operations: ['read'], scope: { read: { filter: 'x', extra: 1 } } } } })))
      .toEqual(expect.arrayContaining(['/objects/a/scope/read/filter', '/objects/a/scope/read/extra']));
  });
});

describe('role document semantic checks', () => {
  const snapshot = buildSnapshot([{
    version: 1,
    definition: {
      name: 'account',
      fields: [
        { name: 'name', type: 'text' },
        { name: 'region', type: 'text' },
        { name: 'credit_limit', type: 'number' },
        { name: 'internal_notes', type: 'textarea' },
      ],
    },
  }], 1);
  const check = (document: unknown) => checkRoleDocument(validateAgainstSchema<RoleDocument>('role', document), snapshot);

  it('accepts the SPEC example once the account object exists', () => {
    expect(check(salesRep)).toEqual([]);
  });

  it('refuses unknown and built-in objects, unknown fields and ungranted operations', () => {
    const found = check({
      name: 'r',
      objects: {
        nope: { operations: ['read'] },
        user: { operations: ['read'] },
        account: {
          operations: ['read'],
          scope: { update: 'own' },
          fields: { ghost: 'read', '*': 'none', _owner: 'read' },
          states: { approved: { operations: ['delete'], fields: { phantom: 'read' } } },
        },
      },
    });
    expect(paths(found).sort()).toEqual([
      '/objects/account/fields/ghost', '/objects/account/scope/update', '/objects/account/states/approved/fields/phantom',
      '/objects/account/states/approved/operations/0', '/objects/nope', '/objects/user',
    ]);
  });

  it('compiles filter scopes with the $user variables and re-roots their errors', () => {
    const ok = { filter: { $or: [{ region: { $eq: 'Sichuan' } }, { _department: { $eq: '$user.department' } }, { _owner: '$user.id' }] } };
    expect(check({ name: 'r', objects: { account: { operations: ['read'], scope: { read: ok } } } })).toEqual([]);
    const found = check({
      name: 'r',
      objects: { account: { operations: ['read', 'update'], scope: { read: ['own', { filter: { zone: { $eq: 'x' } } }], update: { filter: { region: { $like: 'x' } } } } } },
    });
    expect(paths(found)).toEqual(['/objects/account/scope/read/1/filter/zone', '/objects/account/scope/update/filter/region/$like']);
    const variable = check({ name: 'r', objects: { account: { operations: ['read'], scope: { read: { filter: { region: '$user.region' } } } } } });
    expect(paths(variable)).toEqual(['/objects/account/scope/read/filter/region']);
  });

  it('checks networks, hours and time zones', () => {
    const found = check({
      name: 'r',
      login: { allowedCidrs: ['10.0.0.0/8', '10.0.0.0/33', 'fd00::/8', 'fd00::/129', '10.0.0.0', 'example.com/8', 'fe80::1%eth0/64'], allowedHours: { from: '08:00', to: '08:00', tz: 'Mars/Olympus' } },
    });
    expect(paths(found)).toEqual([
      '/login/allowedCidrs/1', '/login/allowedCidrs/3', '/login/allowedCidrs/4', '/login/allowedCidrs/5', '/login/allowedCidrs/6',
      '/login/allowedHours/to', '/login/allowedHours/tz',
    ]);
    expect(check({ name: 'r', login: { allowedHours: { from: '22:00', to: '06:00', tz: 'UTC' } } })).toEqual([]);
  });

  it('parses CIDR notation for both address families', () => {
    expect(parseCidr('192.168.1.0/24')).toEqual({ address: '192.168.1.0', prefix: 24, family: 'ipv4' });
    expect(parseCidr('2001:db8::/32')).toEqual({ address: '2001:db8::', prefix: 32, family: 'ipv6' });
    expect(parseCidr('192.168.1.0/')).toBeNull();
  });
});
