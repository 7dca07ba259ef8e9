import { describe, expect, it } from 'vitest';
import type { ErrorDetail } from '../../../platform/src/core/errors.ts';
import type { WorkflowDefinition } from '../../../platform/src/generated/workflow.ts';
import { buildSnapshot } from '../../../platform/src/metadata/snapshot.ts';
import { validateAgainstSchema } from '../../../platform/src/metadata/schema-validator.ts';
import { discountApproval } from '../../fixtures/spec-workflows.ts';
import { paths, schemaProblems as schemaOf } from '../metadata/schema-problems.ts';
import { PackRegistrations } from '../../../platform/src/plugins/pack-registrations.ts';
import { checkWorkflowDefinition, namedRoles, namedUsers } from '../../../platform/src/definitions/check-workflow-definition.ts';

const schemaProblems = (definition: unknown) => schemaOf('workflow', definition);

describe('workflow definition JSON Schema', () => {
  it('accepts the SPEC example', () => {
    expect(schemaProblems(discountApproval)).toEqual([]);
  });

  it('accepts every approver form, percent votes, due dates and every action', () => {
    expect(schemaProblems({
      name: 'w', label: { en: 'W', 'zh-CN': '流程' }, description: 'all forms', object: 'o', active: false, initial: 'a',
      states: {
        a: {
          approval: {
            approvers: [{ user: '12' }, { role: 'finance' }, { departmentHeadOf: '_department' }, { managerOf: '_owner' }, { field: 'account._owner' }],
            mode: { percent: 60 }, dueIn: 'P2D',
          },
          on: { approve: { target: 'b', actions: [{ webhook: { url: 'https://example.com/hook', headers: { 'x-key': 'v' } } }] }, reject: 'b' },
          timeout: { after: 'P1W', remind: true },
          exit: [{ notify: { to: { role: 'finance' }, message: { en: 'Done' }, email: true } }],
        },
        b: { type: 'final', entry: [{ createRecord: { object: 'task', values: { title: 'Follow up', deal: { $field: 'id' } } } }] },
      },
    })).toEqual([]);
  });

  it('points at a state name that is not a name', () => {
    const found = schemaProblems({ name: 'w', object: 'o', initial: 'a', states: { a: { type: 'final' }, 'Bad-State': { type: 'final' } } });
    expect(paths(found)).toEqual(['/states/Bad-State']);
  });

  it('points at durations that are not ISO 8601', () => {
    for (const after of ['48h', 'P', 'PT', 'PT1.5H', 'P2DT']) {
      const found = schemaProblems({ name: 'w', object: 'o', initial: 'a', states: { a: { on: { go: 'b' }, timeout: { after, event: 'go' } }, b: { type: 'final' } } });
      expect(paths(found), after).toEqual(['/states/a/timeout/after']);
    }
    for (const after of ['PT48H', 'P2D', 'P1W', 'P1Y2M3DT4H5M6S', 'PT30M']) {
      expect(schemaProblems({ name: 'w', object: 'o', initial: 'a', states: { a: { on: { go: 'b' }, timeout: { after, event: 'go' } }, b: { type: 'final' } } }), after).toEqual([]);
    }
  });

  it('points at unknown properties', () => {
    const found = schemaProblems({
      name: 'w', object: 'o', initial: 'a', extra: 1,
      states: { a: { colour: 'red', on: { go: { target: 'b', guard: 'x' } } }, b: { type: 'final' } },
    });
    expect(paths(found)).toEqual(expect.arrayContaining(['/extra', '/states/a/colour', '/states/a/on/go/guard']));
    expect(found.find((p) => p.path === '/extra')?.message).toBe('is not a known property');
    expect(found.find((p) => p.path === '/states/a/colour')?.message).toBe('is not a known property');
  });

  it('points at a vote share outside 1..100', () => {
    for (const percent of [0, 101, 50.5]) {
      const found = schemaProblems({
        name: 'w', object: 'o', initial: 'a',
        states: { a: { approval: { approvers: { role: 'r' }, mode: { percent } }, on: { approve: 'b', reject: 'b' } }, b: { type: 'final' } },
      });
      expect(paths(found), String(percent)).toEqual(expect.arrayContaining(['/states/a/approval/mode/percent']));
    }
  });

  it('requires name, object, initial and states, and a known state type', () => {
    expect(paths(schemaProblems({ states: {} }))).toEqual(expect.arrayContaining(['/name', '/object', '/initial', '/states']));
    expect(paths(schemaProblems({ name: 'w', object: 'o', initial: 'a', states: { a: { type: 'start' } } }))).toEqual(['/states/a/type']);
  });
});

describe('workflow definition semantic checks', () => {
  const snapshot = buildSnapshot(
    [
      {
        version: 1,
        definition: {
          name: 'opportunity',
          fields: [
            { name: 'title', type: 'text' },
            { name: 'discount', type: 'percent' },
            { name: 'amount', type: 'number' },
            { name: 'stage', type: 'enum', options: ['open', 'won', 'lost'] },
            { name: 'account', type: 'lookup', target: 'account' },
            { name: 'reviewer', type: 'lookup', target: 'user' },
            { name: 'margin', type: 'formula', returns: 'number', expression: { $multiply: [{ $field: 'amount' }, { $field: 'discount' }] } },
          ],
        },
      },
      { version: 1, definition: { name: 'account', fields: [{ name: 'name', type: 'text' }] } },
      { version: 1, definition: { name: 'task', fields: [{ name: 'title', type: 'text' }, { name: 'deal', type: 'lookup', target: 'opportunity' }, { name: 'due', type: 'date' }] } },
    ],
    1,
    [{ name: 'sales_director' }, { name: 'finance' }],
  );
  // The details as a client receives them (their catalogue message is not part of the JSON).
  const check = (definition: unknown): ErrorDetail[] => JSON.parse(JSON.stringify(checkWorkflowDefinition(validateAgainstSchema<WorkflowDefinition>('workflow', definition), snapshot)));
  /** A definition of the opportunity object around the given states, starting at `a`. */
  const withStates = (states: Record<string, unknown>, initial = 'a') => ({ name: 'w', object: 'opportunity', initial, states });
  const done = { type: 'final' };

  it('accepts the SPEC example', () => {
    expect(check(discountApproval)).toEqual([]);
  });

  it('refuses an unknown object, and a built-in one, and stops there', () => {
    expect(check({ ...discountApproval, object: 'ghost' })).toEqual([{ path: '/object', message: "'ghost' is not an object" }]);
    expect(paths(check({ ...discountApproval, object: 'user' }))).toEqual(['/object']);
  });

  it('refuses an initial state that is not a state', () => {
    expect(paths(check(withStates({ a: { on: { go: 'b' } }, b: done }, 'start')))).toEqual(['/initial']);
  });

  it('refuses a target that is not a state', () => {
    expect(paths(check(withStates({ a: { on: { go: 'nowhere', done: 'b' } }, b: done })))).toEqual(['/states/a/on/go']);
  });

  it('points at the transition within a list whose target is not a state', () => {
    const found = check(withStates({ a: { on: { go: [{ target: 'b', when: { amount: { $gt: 1 } } }, { target: 'nowhere' }] } }, b: done }));
    expect(paths(found)).toEqual(['/states/a/on/go/1']);
  });

  // 'constructor' is a valid name and a property of every object: `states[name]` must not find it.
  it('does not take a target that only Object.prototype has for a state', () => {
    expect(paths(check(withStates({ a: { on: { go: 'b', oops: 'constructor' } }, b: done })))).toEqual(['/states/a/on/oops']);
  });

  it('does not take an initial state that only Object.prototype has for a state', () => {
    expect(paths(check(withStates({ a: { on: { go: 'b' } }, b: done }, 'constructor')))).toEqual(['/initial']);
  });

  it('accepts webhook actions and e-mail notifications', () => {
    const found = check(withStates({
      a: { on: { go: { target: 'b', actions: [{ webhook: { url: 'https://example.com/hook' } }] } } },
      b: { type: 'final', entry: [{ notify: { to: { role: 'finance' }, message: { en: 'Done' }, email: true } }] },
    }));
    expect(found).toEqual([]);
  });

  it('refuses a state that cannot be reached', () => {
    expect(paths(check(withStates({ a: { on: { go: 'b' } }, b: done, orphan: { on: { go: 'b' } } })))).toEqual(['/states/orphan']);
  });

  it('refuses states from which no final state can be reached', () => {
    const found = check(withStates({ a: { on: { go: 'b', stop: 'c' } }, b: done, c: { on: { back: 'd' } }, d: { on: { back: 'c' } }, e: {} }, 'a'));
    expect(paths(found).sort()).toEqual(['/states/c', '/states/d', '/states/e']);
    expect(found.find((p) => p.path === '/states/c')?.message).toBe("no final state can be reached from 'c'");
    expect(found.find((p) => p.path === '/states/e')?.message).toBe("'e' cannot be reached from 'a'");
    expect(paths(check(withStates({ a: { on: { go: 'b' } }, b: done, c: { on: { x: 'c' } } }, 'a')))).toEqual(['/states/c']);
    expect(paths(check(withStates({ a: { on: { go: 'b', stuck: 'c' } }, b: done, c: {} }, 'a')))).toEqual(['/states/c']);
  });

  it('refuses a workflow without a final state', () => {
    const found = check(withStates({ a: { on: { go: 'b' } }, b: { on: { back: 'a' } } }));
    expect(found).toEqual([{ path: '/states', message: 'no state is final, so no record could ever finish' }]);
  });

  it('requires approval states to say where approve and reject lead', () => {
    const found = check(withStates({ a: { approval: { approvers: { role: 'finance' } }, on: { approve: 'b' } }, b: done }));
    expect(found).toEqual([{ path: '/states/a/on', message: "an approval state must say where 'reject' leads" }]);
  });

  it('keeps approve and reject to approval states', () => {
    const found = check(withStates({ a: { on: { approve: 'b', reject: 'b', submit: 'b' } }, b: done }));
    expect(paths(found)).toEqual(['/states/a/on/approve', '/states/a/on/reject']);
  });

  it('gives a final state no transitions, approvals or timeouts', () => {
    expect(paths(check(withStates({ a: { on: { go: 'b' } }, b: { type: 'final', on: { reopen: 'a' } } })))).toEqual(['/states/b/on']);
    const found = check(withStates({
      a: { on: { go: 'b' } },
      b: { type: 'final', approval: { approvers: { role: 'finance' } }, timeout: { after: 'P1D', remind: true }, on: { approve: 'a', reject: 'a' } },
    }));
    expect(paths(found)).toEqual(expect.arrayContaining(['/states/b/on', '/states/b/approval', '/states/b/timeout']));
  });

  it('requires an unguarded transition to come last in its list', () => {
    const found = check(withStates({ a: { on: { go: ['b', { target: 'c', when: { amount: { $gt: 5 } } }, 'c'] } }, b: done, c: done }));
    expect(found).toEqual([{ path: '/states/a/on/go/0', message: 'a transition without a condition must come last: the ones after it could never be taken' }]);
  });

  it('compiles conditions against the object and points into them', () => {
    expect(check(withStates({ a: { on: { go: [{ target: 'b', when: { $or: [{ amount: { $gt: 5 } }, { 'account.name': { $eq: 'ACME' } }] } }, 'c'] } }, b: done, c: done }))).toEqual([]);
    const found = check(withStates({ a: { on: { go: [{ target: 'b', when: { ghost: { $eq: 1 } } }, 'c'] } }, b: done, c: done }));
    expect(paths(found)).toEqual(['/states/a/on/go/0/when/ghost']);
    const single = check(withStates({ a: { on: { go: { target: 'b', when: { amount: { $like: 'x' } } }, other: 'b' } }, b: done }));
    expect(paths(single)).toEqual(['/states/a/on/go/when/amount/$like']);
  });

  describe('approvers', () => {
    const approving = (approvers: unknown, extra: Record<string, unknown> = {}) => withStates({ a: { approval: { approvers }, on: { approve: 'b', reject: 'b' }, ...extra }, b: done });

    it('refuses a role that does not exist', () => {
      expect(check(approving({ role: 'ghost_role' }))).toEqual([{ path: '/states/a/approval/approvers/role', message: "'ghost_role' is not a role" }]);
      expect(paths(check(approving([{ role: 'finance' }, { role: 'ghost_role' }])))).toEqual(['/states/a/approval/approvers/1/role']);
    });

    it('asks managerOf for a user lookup', () => {
      expect(check(approving({ managerOf: '_owner' }))).toEqual([]);
      expect(check(approving({ managerOf: 'reviewer' }))).toEqual([]);
      expect(paths(check(approving({ managerOf: '_department' })))).toEqual(['/states/a/approval/approvers/managerOf']);
      expect(paths(check(approving({ managerOf: 'account' })))).toEqual(['/states/a/approval/approvers/managerOf']);
      expect(paths(check(approving({ managerOf: 'title' })))).toEqual(['/states/a/approval/approvers/managerOf']);
      expect(paths(check(approving({ managerOf: 'ghost' })))).toEqual(['/states/a/approval/approvers/managerOf']);
    });

    it('lets departmentHeadOf take a department or a user lookup', () => {
      expect(check(approving({ departmentHeadOf: '_department' }))).toEqual([]);
      expect(check(approving({ departmentHeadOf: '_owner' }))).toEqual([]);
      expect(check(approving([{ departmentHeadOf: '_owner.department' }, { departmentHeadOf: 'reviewer' }]))).toEqual([]);
      expect(paths(check(approving({ departmentHeadOf: 'account' })))).toEqual(['/states/a/approval/approvers/departmentHeadOf']);
    });

    it('asks a field approver for a path to a user', () => {
      expect(check(approving([{ field: 'reviewer' }, { field: '_owner.manager' }]))).toEqual([]);
      expect(paths(check(approving([{ field: 'reviewer' }, { field: 'stage' }, { field: 'account' }])))).toEqual(['/states/a/approval/approvers/1/field', '/states/a/approval/approvers/2/field']);
      expect(check(approving({ field: 'stage' }))).toEqual([{ path: '/states/a/approval/approvers/field', message: "'stage' is not a lookup" }]);
    });

    it('checks escalation and notification approvers too', () => {
      const found = check(withStates({
        a: {
          approval: { approvers: { role: 'finance' } }, on: { approve: 'b', reject: 'b' },
          timeout: { after: 'PT4H', escalateTo: { role: 'ghost_role' } },
          entry: [{ notify: { to: [{ role: 'finance' }, { managerOf: 'account' }], message: { en: 'Please decide' } } }],
        },
        b: done,
      }));
      expect(paths(found)).toEqual(['/states/a/timeout/escalateTo/role', '/states/a/entry/0/notify/to/1/managerOf']);
    });
  });

  describe('timeouts', () => {
    it('requires a timeout to say what happens', () => {
      const found = check(withStates({ a: { approval: { approvers: { role: 'finance' } }, on: { approve: 'b', reject: 'b' }, timeout: { after: 'P1D' } }, b: done }));
      expect(found).toEqual([{ path: '/states/a/timeout', message: 'say what happens: escalateTo, remind or event' }]);
      const notReminding = check(withStates({ a: { approval: { approvers: { role: 'finance' } }, on: { approve: 'b', reject: 'b' }, timeout: { after: 'P1D', remind: false } }, b: done }));
      expect(paths(notReminding)).toEqual(['/states/a/timeout']);
    });

    it('requires timeout.event to be an event of the state', () => {
      expect(check(withStates({ a: { on: { expire: 'b', go: 'b' }, timeout: { after: 'P3D', event: 'expire' } }, b: done }))).toEqual([]);
      const found = check(withStates({ a: { on: { go: 'b' }, timeout: { after: 'P3D', event: 'expire' } }, b: done }));
      expect(found).toEqual([{ path: '/states/a/timeout/event', message: "'expire' is not an event of 'a'" }]);
    });

    it('escalates and reminds only in approval states', () => {
      expect(paths(check(withStates({ a: { on: { go: 'b' }, timeout: { after: 'P3D', escalateTo: { role: 'finance' } } }, b: done })))).toEqual(['/states/a/timeout']);
      expect(paths(check(withStates({ a: { on: { go: 'b' }, timeout: { after: 'P3D', remind: true } }, b: done })))).toEqual(['/states/a/timeout']);
    });
  });

  describe('actions', () => {
    const entering = (entry: unknown[]) => withStates({ a: { on: { go: 'b' } }, b: { type: 'final', entry } });

    it('accepts valid values for set and createRecord, copying fields of the record', () => {
      expect(check(entering([
        { set: { stage: 'won', amount: 12.5, discount: null, title: 'Closed', reviewer: '7' } },
        { createRecord: { object: 'task', values: { title: 'Onboard', deal: { $field: 'id' }, due: '2025-01-31' } } },
        { createRecord: { object: 'task', values: { title: { $field: 'account.name' } } } },
        { notify: { to: [{ role: 'finance' }, { field: 'reviewer' }], message: { en: 'Won' } } },
      ]))).toEqual([]);
    });

    it('refuses set on unknown, system and formula fields', () => {
      const found = check(entering([{ set: { ghost: 1, id: '1', margin: 3 } }]));
      expect(found).toEqual([
        { path: '/states/b/entry/0/set/ghost', message: "'ghost' is not a field of opportunity" },
        { path: '/states/b/entry/0/set/id', message: "'id' cannot be written by a workflow" },
        { path: '/states/b/entry/0/set/margin', message: "'margin' cannot be written by a workflow" },
      ]);
      // Underscored system fields are not even names to the schema; createRecord values reach the check.
      expect(paths(schemaProblems(entering([{ set: { _owner: '5' } }])))).toEqual(expect.arrayContaining(['/states/b/entry/0/set/_owner']));
      const created = check(entering([{ createRecord: { object: 'task', values: { title: 'x', _owner: '5', _state: 'open' } } }]));
      expect(paths(created)).toEqual(['/states/b/entry/0/createRecord/values/_owner', '/states/b/entry/0/createRecord/values/_state']);
    });

    it('refuses values the field would refuse', () => {
      const found = check(entering([{ set: { amount: 'a lot', stage: 'closed', reviewer: 'bob' } }]));
      expect(found).toEqual([
        { path: '/states/b/entry/0/set/amount', message: 'amount must be a number' },
        { path: '/states/b/entry/0/set/stage', message: 'stage must be one of: open, won, lost' },
        { path: '/states/b/entry/0/set/reviewer', message: 'reviewer must be the id of a record' },
      ]);
    });

    it('points at actions on exit and on transitions', () => {
      const found = check(withStates({
        a: { exit: [{ set: { ghost: 1 } }], on: { go: [{ target: 'b', when: { amount: { $gt: 1 } }, actions: [{ set: { amount: 'x' } }] }, { target: 'b', actions: [{ notify: { to: { role: 'finance' }, message: { en: 'Moved' } } }, { set: { stage: 'nope' } }] }], other: { target: 'b', actions: [{ set: { margin: 1 } }] } } },
        b: done,
      }));
      expect(paths(found)).toEqual(expect.arrayContaining(['/states/a/exit/0/set/ghost', '/states/a/on/go/0/actions/0/set/amount', '/states/a/on/go/1/actions/1/set/stage', '/states/a/on/other/actions/0/set/margin']));
      expect(found).toHaveLength(4);
    });

    it('refuses createRecord on an unknown or built-in object', () => {
      expect(check(entering([{ createRecord: { object: 'ghost', values: { title: 'x' } } }]))).toEqual([{ path: '/states/b/entry/0/createRecord/object', message: "'ghost' is not an object" }]);
      expect(paths(check(entering([{ createRecord: { object: 'user', values: { name: 'x' } } }])))).toEqual(['/states/b/entry/0/createRecord/object']);
    });

    it('checks createRecord values against the created object and copied paths against the record', () => {
      const found = check(entering([{ createRecord: { object: 'task', values: { title: 5, nope: 'x', deal: { $field: 'unknown' }, due: { $field: 'id', extra: 1 } } } }]));
      const at = '/states/b/entry/0/createRecord/values';
      expect(paths(found)).toEqual(expect.arrayContaining([`${at}/title`, `${at}/nope`, `${at}/due`]));
      expect(paths(found).filter((p) => p.startsWith(`${at}/deal`))).toEqual([`${at}/deal/$field`]);
      expect(found).toHaveLength(4);
    });
  });
});

describe('names a definition refers to', () => {
  const definition = {
    name: 'w', object: 'opportunity', initial: 'a',
    states: {
      a: {
        approval: { approvers: [{ user: '11' }, { role: 'finance' }, { managerOf: '_owner' }] },
        on: { approve: { target: 'b', actions: [{ notify: { to: [{ role: 'legal' }, { user: '13' }], message: { en: 'Approved' } } }] }, reject: 'b' },
        timeout: { after: 'PT8H', escalateTo: { user: '12' } },
        entry: [{ notify: { to: { role: 'finance' }, message: { en: 'To decide' } } }],
      },
      b: { type: 'final', exit: [], entry: [{ notify: { to: { user: '14' }, message: { en: 'Done' } } }, { set: { stage: 'won' } }] },
    },
  };
  const parsed = () => validateAgainstSchema<WorkflowDefinition>('workflow', definition);

  it('collects user ids from approvals, escalations and notifications with their pointers', () => {
    expect(namedUsers(parsed())).toEqual(expect.arrayContaining([
      { at: '/states/a/approval/approvers/0/user', id: '11' },
      { at: '/states/a/timeout/escalateTo/user', id: '12' },
      { at: '/states/a/on/approve/actions/0/notify/to/1/user', id: '13' },
      { at: '/states/b/entry/0/notify/to/user', id: '14' },
    ]));
    expect(namedUsers(parsed())).toHaveLength(4);
  });

  it('collects each role once', () => {
    expect(namedRoles(parsed()).sort()).toEqual(['finance', 'legal']);
    expect(namedRoles(validateAgainstSchema<WorkflowDefinition>('workflow', { ...definition, states: { b: definition.states.b } }))).toEqual([]);
  });
});

describe('registered workflow actions', () => {
  const snapshot = buildSnapshot([{ version: 1, definition: { name: 'deal', fields: [{ name: 'title', type: 'text' }] } }], 1);
  const registry = new PackRegistrations();
  // The details as a client receives them (their catalogue message is not part of the JSON).
  const check = (definition: unknown): ErrorDetail[] => JSON.parse(JSON.stringify(checkWorkflowDefinition(validateAgainstSchema<WorkflowDefinition>('workflow', definition), snapshot, registry)));
  const withAction = (action: unknown) => ({ name: 'w', object: 'deal', initial: 'a', states: { a: { on: { go: 'b' } }, b: { type: 'final', entry: [action] } } });

  it('refuses an action no plugin registered, and lets a registered one check its parameters', () => {
    registry.addWorkflowAction('test.stamp', {
      check: (params) => (typeof params.text === 'string' ? [] : [{ path: '/text', message: 'text is required' }]),
      run: async () => undefined,
    });
    expect(paths(check(withAction({ run: 'test.missing' })))).toEqual(['/states/b/entry/0/run']);
    expect(paths(check(withAction({ run: 'test.stamp', params: {} })))).toEqual(['/states/b/entry/0/params/text']);
    expect(check(withAction({ run: 'test.stamp', params: { text: 'ok' } }))).toEqual([]);
    expect(() => registry.addWorkflowAction('test.stamp', { run: async () => undefined })).toThrow(/already registered/);
  });
});
