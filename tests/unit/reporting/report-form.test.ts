import { describe, expect, it } from 'vitest';
import { definitionOf, emptyForm, formOf, localProblem, measurable, parseSort, placeOfPointer, placesOfField, sortText } from '../../../plugins/reporting/ui/report-form.ts';

// The report builder's form: what it sends, what it reads back, and where a server problem is shown.

const stored = {
  name: 'sales',
  label: { en: 'Sales by region' },
  description: { en: 'Deals closed per region' },
  object: 'deal',
  filter: { stage: { $ne: 'lost' } },
  groupBy: [{ field: 'closed', bucket: 'quarter' }, { field: 'region' }],
  measures: [{ fn: 'count', percent: true }, { fn: 'sum', field: 'amount' }],
  sort: '-count,region',
  limit: 50,
  chart: { type: 'stacked_bar', horizontal: true },
  version: 3,
  updatedAt: '2026-12-01T00:00:00.000Z',
};

describe('formOf and definitionOf', () => {
  it('reads a stored report and gives back the same definition, without name, version or time', () => {
    expect(definitionOf(formOf(stored))).toEqual({
      label: { en: 'Sales by region' },
      description: { en: 'Deals closed per region' },
      object: 'deal',
      filter: { stage: { $ne: 'lost' } },
      groupBy: [{ field: 'closed', bucket: 'quarter' }, { field: 'region' }],
      measures: [{ fn: 'count', percent: true }, { fn: 'sum', field: 'amount' }],
      sort: '-count,region',
      limit: 50,
      chart: { type: 'stacked_bar', horizontal: true },
    });
  });

  it('leaves out what is empty: labels, filter, sort, limit, a field on count, horizontal on other charts', () => {
    const form = emptyForm('deal');
    form.groupBy.push({ field: 'region' }, { field: '' });
    form.measures = [{ fn: 'count', field: 'amount' }];
    form.label.en = '  ';
    form.chart = { type: 'pie', horizontal: true };
    expect(definitionOf(form)).toEqual({ object: 'deal', groupBy: [{ field: 'region' }], measures: [{ fn: 'count' }], chart: { type: 'pie' } });
  });
});

describe('sort keys', () => {
  it('reads and writes the comma list with - for descending', () => {
    expect(parseSort('-count,region')).toEqual([{ key: 'count', desc: true }, { key: 'region', desc: false }]);
    expect(parseSort(undefined)).toEqual([]);
    expect(sortText([{ key: 'sum_amount', desc: true }, { key: '', desc: false }, { key: 'region', desc: false }])).toBe('-sum_amount,region');
  });
});

describe('measurable', () => {
  it('offers number fields to sum and average, ordered fields to min and max, any groupable field to count distinct', () => {
    const amount = { name: 'amount', type: 'currency' };
    const closed = { name: 'closed', type: 'date' };
    const region = { name: 'region', type: 'enum' };
    const notes = { name: 'notes', type: 'json' };
    expect([amount, closed, region, notes].filter((f) => measurable('sum', f)).map((f) => f.name)).toEqual(['amount']);
    expect([amount, closed, region, notes].filter((f) => measurable('max', f)).map((f) => f.name)).toEqual(['amount', 'closed']);
    expect([amount, closed, region, notes].filter((f) => measurable('count_distinct', f)).map((f) => f.name)).toEqual(['amount', 'closed', 'region']);
    expect(measurable('count', amount)).toBe(false);
  });
});

describe('where problems are shown', () => {
  it('places a JSON pointer of the server on its section and row', () => {
    expect(placeOfPointer('/measures/1/field')).toEqual({ section: 'measures', index: 1 });
    expect(placeOfPointer('/groupBy/0/bucket')).toEqual({ section: 'groupBy', index: 0 });
    expect(placeOfPointer('/filter/stage/$gt')).toEqual({ section: 'filter' });
    expect(placeOfPointer('/chart/type')).toEqual({ section: 'chart' });
    expect(placeOfPointer('/colour')).toEqual({ section: 'general' });
    expect(placeOfPointer('')).toEqual({ section: 'general' });
  });

  it('places a hidden field (403 names the field) on every grouping, measure and filter that uses it', () => {
    const form = formOf({ object: 'deal', groupBy: [{ field: 'stage' }, { field: 'account.margin' }], measures: [{ fn: 'sum', field: 'margin' }], filter: { $or: [{ margin: { $gt: 1 } }] } });
    expect(placesOfField(form, 'margin')).toEqual([{ section: 'groupBy', index: 1 }, { section: 'measures', index: 0 }, { section: 'filter' }]);
    expect(placesOfField(form, 'owner_notes')).toEqual([{ section: 'general' }]);
  });
});

describe('localProblem', () => {
  const fields = [{ name: 'region', type: 'enum' }, { name: 'amount', type: 'currency' }, { name: 'closed', type: 'date' }];

  it('says from the form what a pointer of the server means, where the form tells', () => {
    const form = formOf({ object: 'deal', groupBy: [{ field: 'region', bucket: 'month' }, { field: 'gone' }], measures: [{ fn: 'sum', field: 'region' }, { fn: 'avg' }, { fn: 'max', field: 'nothing' }], chart: { type: 'pie' } });
    expect(localProblem('/chart/type', form, fields)).toEqual({ key: 'chartNeeds.oneGrouping', params: { chart: 'pie' } });
    expect(localProblem('/groupBy/0/bucket', form, fields)).toEqual({ key: 'bucketNeedsDate' });
    expect(localProblem('/groupBy/1/field', form, fields)).toEqual({ key: 'unknownField', params: { field: 'gone' } });
    expect(localProblem('/measures/0/field', form, fields)).toEqual({ key: 'measureNeedsNumber' });
    expect(localProblem('/measures/1/field', form, fields)).toEqual({ key: 'measureNeedsField' });
    expect(localProblem('/measures/2/field', form, fields)).toEqual({ key: 'unknownField', params: { field: 'nothing' } });
  });

  it('leaves to the server what the form cannot explain', () => {
    const form = formOf({ object: 'deal', groupBy: [{ field: 'closed', bucket: 'month' }], measures: [{ fn: 'sum', field: 'amount' }], chart: { type: 'bar' } });
    expect(localProblem('/chart/type', form, fields)).toBeNull();
    expect(localProblem('/groupBy/0/bucket', form, fields)).toBeNull();
    expect(localProblem('/measures/0/field', form, fields)).toBeNull();
    expect(localProblem('/sort', form, fields)).toBeNull();
    expect(localProblem('/filter/region/$eq', form, fields)).toBeNull();
  });
});
