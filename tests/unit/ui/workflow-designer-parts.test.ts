import { describe, expect, it } from 'vitest';
import { joinDuration, splitDuration } from '../../../ui/src/components/admin/duration.ts';
import { approverPaths, pathLabel } from '../../../ui/src/components/admin/approver-paths.ts';
import type { Field, StoredObject } from '../../../ui/src/api/types.ts';

describe('durations typed as a number and a unit', () => {
  it('reads an ISO 8601 duration as the largest unit that divides it', () => {
    expect(splitDuration('P2D')).toEqual({ amount: 2, unit: 'days' });
    expect(splitDuration('PT48H')).toEqual({ amount: 2, unit: 'days' });
    expect(splitDuration('PT36H')).toEqual({ amount: 36, unit: 'hours' });
    expect(splitDuration('P1DT12H')).toEqual({ amount: 36, unit: 'hours' });
    expect(splitDuration('PT90M')).toEqual({ amount: 90, unit: 'minutes' });
    expect(splitDuration('P1W')).toEqual({ amount: 1, unit: 'weeks' });
    expect(splitDuration('P14D')).toEqual({ amount: 2, unit: 'weeks' });
  });

  it('leaves what one number and unit cannot say to be shown as stored', () => {
    for (const iso of [undefined, '', 'P1M', 'P1Y', 'PT30S', 'P', 'PT', 'PT0H', 'soon']) expect(splitDuration(iso)).toBeNull();
  });

  it('writes the duration the definitions store, and reads it back', () => {
    expect(joinDuration(2, 'days')).toBe('P2D');
    expect(joinDuration(36, 'hours')).toBe('PT36H');
    expect(joinDuration(15, 'minutes')).toBe('PT15M');
    expect(joinDuration(3, 'weeks')).toBe('P3W');
    for (const [amount, unit] of [[5, 'hours'], [3, 'days'], [45, 'minutes'], [2, 'weeks']] as const) expect(splitDuration(joinDuration(amount, unit))).toEqual({ amount, unit });
  });
});

describe('the paths an approver is found through, by field labels', () => {
  const label = (f: Field | string) => (typeof f === 'string' ? `~${f}` : (f.label?.en ?? `~${f.name}`));
  const object = (name: string, fields: Field[]): StoredObject => ({ name, label: { en: name }, fields, version: 1 }) as StoredObject;
  const opportunity = object('opportunity', [
    { name: 'name', type: 'text', label: { en: 'Name' } },
    { name: 'account', type: 'lookup', target: 'account', label: { en: 'Account' } },
    { name: 'reviewer', type: 'lookup', target: 'user', label: { en: 'Reviewer' } },
    { name: 'team', type: 'lookup', target: 'department', label: { en: 'Team' } },
  ]);
  const account = object('account', [{ name: 'key_manager', type: 'lookup', target: 'user', label: { en: 'Key manager' } }]);

  it('offers the lookups to a user, the system ones included, then one step through other objects', () => {
    const paths = approverPaths(opportunity, { account }, ['user'], label);
    expect(paths.map((p) => p.value)).toEqual(['reviewer', '_owner', '_created_by', 'account.key_manager', 'account._owner', 'account._created_by']);
    expect(paths.find((p) => p.value === 'account.key_manager')?.label).toBe('Account › Key manager');
    expect(paths.find((p) => p.value === '_owner')?.label).toBe('~_owner');
  });

  it('offers departments too where a department head is wanted', () => {
    const values = approverPaths(opportunity, {}, ['user', 'department'], label).map((p) => p.value);
    expect(values).toEqual(['reviewer', 'team', '_owner', '_department', '_created_by']);
  });

  it('reads a path written by hand by its field labels', () => {
    expect(pathLabel('account.key_manager', [], label)).toBe('~account › ~key_manager');
    expect(pathLabel('reviewer', approverPaths(opportunity, {}, ['user'], label), label)).toBe('Reviewer');
    expect(approverPaths(null, {}, ['user'], label)).toEqual([]);
  });
});
