import { describe, expect, it } from 'vitest';
import { conditionFields, decisionFields } from '../../../ui/src/utils/workflow-fields.ts';
import type { WorkflowDefinition } from '../../../ui/src/api/types.ts';

const discount: WorkflowDefinition = {
  name: 'discount_approval',
  object: 'opportunity',
  initial: 'draft',
  states: {
    draft: { on: { submit: 'manager_review' } },
    manager_review: {
      approval: { approvers: { managerOf: '_owner' }, mode: 'any' },
      on: { approve: [{ target: 'finance_review', when: { discount: { $gt: 0.2 } } }, { target: 'approved' }], reject: 'draft' },
    },
    finance_review: {
      approval: { approvers: [{ role: 'finance' }, { field: 'controller' }] },
      on: { approve: [{ target: 'board', when: { $or: [{ amount: { $gte: 100000 } }, { $not: { 'account.region': { $eq: 'north' } } }] } }, 'approved'], reject: 'manager_review' },
    },
    board: { on: { approve: 'approved' } },
    approved: { type: 'final' },
  },
};

describe('the fields an approver decides on', () => {
  it('reads the field paths of a condition through $and, $or and $not, first steps only, once each', () => {
    expect(conditionFields({ $and: [{ discount: { $gt: 0.2 } }, { $or: [{ 'account.region': 'north' }, { discount: { $lt: 0.5 } }] }, { $not: { stage: { $in: ['won'] } } }] })).toEqual(['discount', 'account', 'stage']);
    expect(conditionFields(undefined)).toEqual([]);
  });

  it('puts the state\'s own conditions first, then its approvers\' fields, then the other states\' conditions', () => {
    expect(decisionFields(discount, 'manager_review')).toEqual(['discount', '_owner', 'amount', 'account']);
    expect(decisionFields(discount, 'finance_review')).toEqual(['amount', 'account', 'controller', 'discount']);
    expect(decisionFields(null, 'manager_review')).toEqual([]);
  });
});
