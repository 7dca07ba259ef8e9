import { describe, expect, it } from 'vitest';
import { listChartDefaults } from '../../../ui/src/utils/list-chart-defaults.ts';

// Issue 17, item 9: the charts above a list never sum percentages or probabilities by default.
describe('the charts above a list', () => {
  it('count per the first option field and sum the first currency', () => {
    expect(listChartDefaults([
      { name: 'name', type: 'text' },
      { name: 'probability', type: 'percent' },
      { name: 'employees', type: 'integer' },
      { name: 'stage', type: 'enum' },
      { name: 'amount', type: 'currency' },
    ])).toEqual({ group: 'stage', sum: 'amount' });
  });

  it('sum no percentage or plain number: without a currency the count stands alone', () => {
    expect(listChartDefaults([{ name: 'stage', type: 'enum' }, { name: 'discount', type: 'percent' }, { name: 'score', type: 'number' }])).toEqual({ group: 'stage', sum: undefined });
  });

  it('take a formula by what it returns, and a yes/no or lookup when there is no option field', () => {
    expect(listChartDefaults([{ name: 'owner_account', type: 'lookup' }, { name: 'weighted', type: 'formula', returns: 'currency' }])).toEqual({ group: 'owner_account', sum: 'weighted' });
  });
});
