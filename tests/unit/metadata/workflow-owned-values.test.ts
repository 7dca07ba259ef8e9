import { describe, expect, it } from 'vitest';
import { ownedValuesOf } from '../../../platform/src/metadata/workflow-owned-values.ts';
import type { WorkflowDefinition } from '../../../platform/src/generated/workflow.ts';

// Which values a workflow owns: those its `set` actions write only after an approval decision.
const owned = (definition: Omit<WorkflowDefinition, 'name' | 'object'>) =>
  ownedValuesOf({ name: 'w', object: 'thing', ...definition } as WorkflowDefinition).map((o) => [o.field, o.value, o.state]);

describe('values a workflow owns', () => {
  it('owns a value set on entry of a state reached only by approval, not one set on submitting', () => {
    expect(owned({
      initial: 'open',
      states: {
        open: { entry: [{ set: { status: 'open' } }], on: { submit: 'handling' } },
        handling: { entry: [{ set: { status: 'in_progress' } }], approval: { approvers: { role: 'agent' } }, on: { approve: 'resolved', reject: 'open' } },
        resolved: { type: 'final', entry: [{ set: { status: 'resolved', done: true } }] },
      },
    })).toEqual([['status', 'resolved', 'resolved'], ['done', true, 'resolved']]);
  });

  it('owns what the approving transition sets, and nothing of a workflow without approval', () => {
    expect(owned({
      initial: 'review',
      states: {
        review: { approval: { approvers: { role: 'boss' } }, on: { approve: { target: 'done', actions: [{ set: { stage: 'won' } }] }, reject: 'done' } },
        done: { type: 'final' },
      },
    })).toEqual([['stage', 'won', 'done']]);
    expect(owned({ initial: 'draft', states: { draft: { on: { submit: 'sent' } }, sent: { type: 'final', entry: [{ set: { done: true } }] } } })).toEqual([]);
  });

  it('does not own a value the workflow also sets before approval, nor a copied one', () => {
    expect(owned({
      initial: 'draft',
      states: {
        draft: { entry: [{ set: { status: 'draft' } }], on: { submit: 'review' } },
        review: { approval: { approvers: { role: 'boss' } }, on: { approve: 'approved', reject: 'draft' } },
        approved: { type: 'final', entry: [{ set: { status: 'draft', owner_note: { $field: 'name' } } }] },
      },
    })).toEqual([]);
  });
});
