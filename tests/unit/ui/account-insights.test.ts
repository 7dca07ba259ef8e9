import { baseCompile } from '@intlify/message-compiler';
import { describe, expect, it } from 'vitest';
import type { AnalysisDefinition } from '../../../plugins/analytics/generated/analysis.ts';
import { associationSources, type AnalysisListing } from '../../../plugins/analytics/ui/account-insights/association-sources.ts';
import { churnLevel, knownOutcome, ruleInLanguage } from '../../../plugins/analytics/ui/account-insights/churn-display.ts';
import { insightsMessages } from '../../../plugins/analytics/ui/account-insights/insights-messages.ts';

// The analytics pack's account panel (docs/analytics.md, "The account panel"): how it reads the
// written-back churn fields and which association analyses recommend to an account.

describe('churn fields on the account panel', () => {
  it('shows the rule the classifier wrote back in the reader\'s language', () => {
    const stored = 'IF RFM segment = lost THEN Lost, p = 0.91\n如果 RFM 细分 = lost 那么 已流失，p = 0.91';
    expect(ruleInLanguage(stored, 'en')).toBe('IF RFM segment = lost THEN Lost, p = 0.91');
    expect(ruleInLanguage(stored, 'zh-CN')).toBe('如果 RFM 细分 = lost 那么 已流失，p = 0.91');
  });

  it('shows a rule cut before its second language, or written by hand on one line, whole', () => {
    expect(ruleInLanguage('IF Rating = cold THEN Lost, p = 0.7', 'zh-CN')).toBe('IF Rating = cold THEN Lost, p = 0.7');
    expect(ruleInLanguage('IF Rating = cold THEN Lost, p = 0.7\n', 'zh-CN')).toBe('IF Rating = cold THEN Lost, p = 0.7');
  });

  it('grades a probability high from 50 %, medium from 25 %', () => {
    expect([0, 0.249, 0.25, 0.499, 0.5, 1].map(churnLevel)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });
});

describe('association analyses that recommend to an account', () => {
  const definition = (name: string, customer = 'account', item = 'product'): AnalysisDefinition => ({ name, kind: 'association', source: { object: 'order', customer, item } } as AnalysisDefinition);
  const listing = (name: string, kind: AnalysisListing['kind'], startedAt: string | null): AnalysisListing => ({
    name, label: { en: name, 'zh-CN': name }, kind, object: 'order', lastRun: startedAt ? { id: '1', status: 'succeeded', startedAt, finishedAt: startedAt } : null,
  });
  const targets: Record<string, string> = { 'order.account': 'account', 'order.product': 'product', 'order.contact': 'contact', 'order.region_code': 'region' };
  const targetOf = (object: string, field: string) => targets[`${object}.${field}`];

  it('keeps the association analyses whose customers are accounts, the most recently run first, then by name', () => {
    const sources = associationSources('account', [
      listing('product_pairs', 'association', null),
      listing('bundles', 'association', '2026-12-02T10:00:00Z'),
      listing('seasonal_pairs', 'association', '2026-12-03T09:00:00Z'),
      listing('another_pairs', 'association', null),
      listing('customer_rfm', 'rfm', '2026-12-04T09:00:00Z'),
      listing('contact_pairs', 'association', '2026-12-05T09:00:00Z'),
    ], [definition('product_pairs'), definition('bundles'), definition('seasonal_pairs'), definition('another_pairs'), definition('contact_pairs', 'contact')], targetOf);
    expect(sources.map((s) => s.name)).toEqual(['seasonal_pairs', 'bundles', 'another_pairs', 'product_pairs']);
    expect(sources[0]).toEqual({ name: 'seasonal_pairs', label: { en: 'seasonal_pairs', 'zh-CN': 'seasonal_pairs' }, itemObject: 'product', lastRunAt: '2026-12-03T09:00:00Z' });
  });

  it('leaves out an analysis the caller may not run (not listed) and one whose items are no lookup', () => {
    const sources = associationSources('account', [listing('by_region', 'association', null)], [definition('product_pairs'), definition('by_region', 'account', 'free_text')], targetOf);
    expect(sources).toEqual([]);
  });
});

describe('the account panel\'s messages', () => {
  type Tree = { [key: string]: string | Tree };
  const leaves = (tree: Tree, prefix = ''): [string, string][] => Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)));

  it('has the same keys in both languages, and every message compiles', () => {
    const en = leaves(insightsMessages.en as Tree);
    const zh = leaves(insightsMessages['zh-CN'] as Tree);
    expect(zh.map(([key]) => key).sort()).toEqual(en.map(([key]) => key).sort());
    for (const [key, text] of [...en, ...zh]) {
      const problems: string[] = [];
      baseCompile(text, { onError: (error) => problems.push(error.message) });
      expect(problems, `${key}: ${text}`).toEqual([]);
    }
  });
});

describe('an outcome the churn classifier already knows', () => {
  const classifier = { name: 'churn_prediction', kind: 'classifier', source: { object: 'account' }, target: 'lifecycle', positive: 'lost', writeBack: { probability: 'churn_probability' } } as AnalysisDefinition;

  it('is the classifier\'s target when the record already has the predicted value', () => {
    expect(knownOutcome([classifier], 'account', 'churn_probability', { lifecycle: 'lost', churn_probability: 1 })).toBe('lifecycle');
    expect(knownOutcome([classifier], 'account', 'churn_probability', { lifecycle: 'customer', churn_probability: 0.7 })).toBeNull();
  });

  it('is asked only of the classifier writing that probability on that object, a yes/no target by default', () => {
    expect(knownOutcome([classifier], 'lead', 'churn_probability', { lifecycle: 'lost' })).toBeNull();
    expect(knownOutcome([classifier], 'account', 'other_probability', { lifecycle: 'lost' })).toBeNull();
    const yesNo = { ...classifier, target: 'churned', positive: undefined } as AnalysisDefinition;
    expect(knownOutcome([yesNo], 'account', 'churn_probability', { churned: true })).toBe('churned');
    expect(knownOutcome([yesNo], 'account', 'churn_probability', { churned: false })).toBeNull();
  });
});
