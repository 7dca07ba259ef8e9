import { describe, expect, it } from 'vitest';
import { cleanDefinition, draftOf, fitsFeature, fitsSource, fitsWriteBack, paramControls, problemAt, sourceKeys, withKind, withValue, writeBackObject, type FieldChoice } from '../../../plugins/analytics/ui/kind-form.ts';

// The analytics pages' definition form (plugins/analytics/ui/kind-form.ts): what each kind offers,
// which fields fit where, and the definition a draft stands for.

const field = (name: string, type: string, extra: Partial<FieldChoice> = {}): FieldChoice => ({ name, type, rawType: type, options: [], ...extra });
const ORDER = [field('account', 'lookup', { target: 'account' }), field('order_date', 'date'), field('amount', 'currency'), field('note', 'textarea'), field('status', 'enum')];

describe('the analysis form', () => {
  it('offers the source properties each kind takes, the needed ones marked required', () => {
    expect(sourceKeys('rfm')).toEqual([{ key: 'customer', required: true }, { key: 'date', required: true }, { key: 'amount', required: true }]);
    expect(sourceKeys('seasonality')).toEqual([{ key: 'date', required: true }, { key: 'amount', required: false }, { key: 'segment', required: false }]);
    expect(sourceKeys('association')).toEqual([{ key: 'customer', required: true }, { key: 'item', required: true }, { key: 'date', required: false }]);
    expect(sourceKeys('kmeans')).toEqual([]);
  });

  it('offers only fields whose type fits, as the pack\'s check does', () => {
    const names = (key: Parameters<typeof fitsSource>[0]) => ORDER.filter((f) => fitsSource(key, f)).map((f) => f.name);
    expect(names('customer')).toEqual(['account']);
    expect(names('date')).toEqual(['order_date']);
    expect(names('amount')).toEqual(['amount']);
    expect(names('item')).toEqual(['account', 'order_date', 'amount', 'status']);
    // Only a seasonality segment may be a path through a lookup.
    expect(fitsSource('segment', field('account.region', 'enum'))).toBe(true);
    expect(fitsSource('amount', field('account.annual_revenue', 'currency'))).toBe(false);
    // k-means learns from numbers only; a formula counts by its declared type, as the check reads features.
    expect(fitsFeature('kmeans', field('amount', 'currency'))).toBe(true);
    expect(fitsFeature('kmeans', field('status', 'enum'))).toBe(false);
    expect(fitsFeature('classifier', field('status', 'enum'))).toBe(true);
    expect(fitsFeature('kmeans', { name: 'margin', type: 'number', rawType: 'formula', options: [] })).toBe(false);
    expect(fitsWriteBack('flag', field('churn_warning', 'boolean'))).toBe(true);
    expect(fitsWriteBack('probability', field('churn_probability', 'percent'))).toBe(true);
    expect(fitsWriteBack('probability', field('churn_rule', 'textarea'))).toBe(false);
  });

  it('writes per-customer results to the customer, the others to the records analysed', () => {
    const fieldsOf = (object: string) => (object === 'order' ? ORDER : []);
    expect(writeBackObject(draftOf({ name: 'x', kind: 'rfm', source: { object: 'order', customer: 'account' } }), fieldsOf)).toBe('account');
    expect(writeBackObject(draftOf({ name: 'x', kind: 'rfm', source: { object: 'order' } }), fieldsOf)).toBeUndefined();
    expect(writeBackObject(draftOf({ name: 'x', kind: 'kmeans', source: { object: 'order' } }), fieldsOf)).toBe('order');
  });

  it('turns a definition into another kind without what the new kind does not take', () => {
    const rfm = draftOf({
      name: 'x', kind: 'rfm', source: { object: 'order', customer: 'account', date: 'order_date', amount: 'amount', filter: { status: 'done' } },
      params: { bins: 5, asOf: '2026-12-01' }, writeBack: { segment: 'rfm_segment' },
    });
    const kmeans = withKind(rfm, 'kmeans');
    expect(kmeans.source).toEqual({ object: 'order', filter: { status: 'done' } });
    expect(kmeans.params).toEqual({ kRange: [2, 6] });
    expect(kmeans.writeBack).toEqual({});
    const churn = withKind(rfm, 'churn_warning');
    expect(churn.source).toEqual(rfm.source);
    expect(churn.params).toEqual({ asOf: '2026-12-01' });
    expect(paramControls('classifier', {}).map((c) => c.key)).not.toContain('trees');
    expect(paramControls('classifier', { algorithm: 'forest' }).map((c) => c.key)).toContain('trees');
  });

  it('leaves out what is blank, so that the engine\'s defaults apply, and gives a one-language title to both', () => {
    const draft = draftOf({ name: 'x', kind: 'churn_warning', source: { object: 'order', customer: 'account', date: '', amount: 'amount' } });
    draft.label.en = 'Falling orders';
    draft.params = { recentMonths: null, dropPercent: 40, notify: false, task: { object: 'sales_task', assignee: '', about: 'account', subject: 'subject' } } as never;
    draft.schedule = '  ';
    expect(cleanDefinition(draft)).toEqual({
      name: 'x', kind: 'churn_warning', label: { en: 'Falling orders', 'zh-CN': 'Falling orders' },
      source: { object: 'order', customer: 'account', amount: 'amount' },
      params: { dropPercent: 40, notify: false, task: { object: 'sales_task', about: 'account', subject: 'subject' } },
    });
    // The draft of a stored definition stands for that definition again.
    const stored = { name: 'y', kind: 'kmeans', source: { object: 'account' }, features: ['employees'], params: { k: 3 }, writeBack: { cluster: 'cluster' } };
    expect(cleanDefinition(draftOf(stored))).toEqual(stored);
  });

  it('finds the problems at a pointer and below it', () => {
    const problems = [{ path: '/params/k', message: 'is required' }, { path: '/params/kRange', message: 'upside down' }, { path: '/params/task/due', message: 'not a date' }];
    expect(problemAt(problems, '/params/k')).toBe('is required');
    expect(problemAt(problems, '/params/task')).toBe('not a date');
    expect(problemAt(problems, '/writeBack')).toBe('');
  });
});

describe('withValue', () => {
  it('sets a key on a copy, and leaves it out when the value is blank', () => {
    const params = { bins: 5, asOf: '2026-12-01' };
    expect(withValue(params, 'bins', 4)).toEqual({ bins: 4, asOf: '2026-12-01' });
    expect(withValue(params, 'asOf', '')).toEqual({ bins: 5 });
    expect(withValue<{ bins?: number }>(undefined, 'bins', null)).toEqual({});
    expect(params).toEqual({ bins: 5, asOf: '2026-12-01' });
  });
});
