import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../platform/src/metadata/snapshot.ts';
import { touchesDedupFields } from '../../../platform/src/records/write-checks.ts';

// A record update locks its duplicate keys (advisory locks held to the end of the transaction) only
// when it changes a field of a dedup rule. Analytics write-back updated 100,000 crm accounts in one
// transaction, each taking the lock of its unchanged name, until PostgreSQL ran out of lock slots.
const snapshot = buildSnapshot([{ version: 1, definition: {
  name: 'account',
  fields: [{ name: 'name', type: 'text' }, { name: 'phone', type: 'phone' }, { name: 'score', type: 'number' }],
  dedup: [{ name: 'same_name', fields: [{ field: 'name' }] }, { name: 'same_phone', fields: [{ field: 'phone' }], action: 'warn' }],
} }], 1, []);
const account = snapshot.object('account');

describe('which changes lock duplicate keys', () => {
  it('a change to a dedup rule\'s field does, whichever rule', () => {
    expect(touchesDedupFields(account, { name: 'Acme' })).toBe(true);
    expect(touchesDedupFields(account, { phone: '+86 10 1234 5678', score: 1 })).toBe(true);
    expect(touchesDedupFields(account, { name: null })).toBe(true);
  });

  it('a change to other fields does not', () => {
    expect(touchesDedupFields(account, { score: 0.7 })).toBe(false);
    expect(touchesDedupFields(account, {})).toBe(false);
  });
});
