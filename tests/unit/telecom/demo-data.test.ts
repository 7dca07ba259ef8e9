import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The telecom pack's demo (issue 16, item 7): the churn profile of the thesis planted in the files,
// grandfathered tariffs, complaints with SLAs and projects in every region and department, as
// docs/telecom.md ("Demo data") describes them.

type Rec = Record<string, any>;
const demoDir = path.resolve(import.meta.dirname, '../../../plugins/telecom/demo');
const read = (name: string): Rec[] => JSON.parse(fs.readFileSync(path.join(demoDir, `${name}.json`), 'utf8'));
const subscribers = read('subscriber');
const usage = read('usage_summary');
const churnRate = (list: Rec[]) => list.filter((s) => s.status === 'churned').length / list.length;

describe('the telecom demo', () => {
  it('has a few thousand subscribers in the three regions and twelve months of usage', () => {
    expect(subscribers).toHaveLength(2400);
    expect(new Set(subscribers.map((s) => s.region))).toEqual(new Set(['Chongqing', 'Sichuan', 'Yunnan']));
    expect([...new Set(usage.map((u) => u.month))].sort()).toEqual(Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 10)));
    const keys = new Set(subscribers.map((s) => s.$key));
    expect(usage.every((u) => keys.has(u.subscriber.$key))).toBe(true);
    expect(new Set(usage.map((u) => `${u.subscriber.$key}/${u.month}`)).size).toBe(usage.length);
  });

  it('plants the churn profile: short tenure, cheap handsets, no data service and complaints leave more', () => {
    expect(churnRate(subscribers)).toBeGreaterThan(0.1);
    expect(churnRate(subscribers.filter((s) => s.tenure_months < 12))).toBeGreaterThan(1.4 * churnRate(subscribers.filter((s) => s.tenure_months >= 12)));
    expect(churnRate(subscribers.filter((s) => s.handset_price < 1500))).toBeGreaterThan(1.4 * churnRate(subscribers.filter((s) => s.handset_price >= 1500)));
    expect(churnRate(subscribers.filter((s) => !s.data_service))).toBeGreaterThan(1.5 * churnRate(subscribers.filter((s) => s.data_service)));
    expect(churnRate(subscribers.filter((s) => s.complaint_count > 0))).toBeGreaterThan(4 * churnRate(subscribers.filter((s) => s.complaint_count === 0)));
  });

  it('has usage fall before leaving and stop after, and halve for 120 active subscribers', () => {
    const rowsOf = new Map<string, Rec[]>();
    for (const u of usage) rowsOf.set(u.subscriber.$key, [...(rowsOf.get(u.subscriber.$key) ?? []), u]);
    for (const s of subscribers.filter((x) => x.status === 'churned')) {
      const rows = rowsOf.get(s.$key) ?? [];
      expect(rows.every((u) => u.month < s.churned_on), s.$key).toBe(true);
      if (rows.length >= 6) expect(s.usage_trend, s.$key).toBeLessThan(-0.3);
    }
    expect(subscribers.filter((s) => s.status === 'active' && s.usage_trend <= -0.5)).toHaveLength(120);
    expect(subscribers.filter((s) => s.status === 'active' && s.usage_trend > -0.5 && s.usage_trend < -0.3)).toHaveLength(0);
  });

  it('keeps those who joined before version 2 mostly on version 1, and nobody later', () => {
    const onV1 = (s: Rec) => s.tariff_version.$key.endsWith('_v1');
    expect(subscribers.filter((s) => s.joined_on >= '2026-06-01' && onV1(s))).toEqual([]);
    const early = subscribers.filter((s) => s.joined_on < '2026-06-01');
    expect(early.filter(onV1).length / early.length).toBeGreaterThan(0.7);
    expect(early.filter((s) => !onV1(s)).length).toBeGreaterThan(100);
    expect(read('tariff_version').filter((v) => v.status === 'published')).toHaveLength(8);
    expect(read('tariff_version').filter((v) => v.$workflow).map((v) => `${v.plan.$key} v${v.version} ${v.status} ${v.$workflow.name}`)).toEqual(['mzone v3 draft tariff_change_approval']);
  });

  it('puts every complaint under complaint_handling from its opening, its events in time order, and projects in every region and department', () => {
    const workflow = JSON.parse(fs.readFileSync(path.join(demoDir, '../metadata/workflows/complaint_handling.json'), 'utf8'));
    const reached: Record<string, number> = {};
    for (const c of read('complaint')) {
      expect(c.$workflow).toMatchObject({ name: 'complaint_handling', at: 'opened_at' });
      expect(c.status).toBe('open');
      let state = workflow.initial as string;
      let at = c.opened_at as string;
      for (const { event, at: when } of c.$workflow.events as { event: string; at: string }[]) {
        const moment = when in c ? c[when] : when;
        expect(moment > at, `${event} after ${at}`).toBe(true);
        state = workflow.states[state].on[event];
        expect(state, event).toBeDefined();
        at = moment;
      }
      reached[state] = (reached[state] ?? 0) + 1;
    }
    // Recent complaints are still being handled; the others resolved, most of them closed.
    expect(reached).toEqual({ open: 5, in_progress: 3, waiting_customer: 1, resolved: 71, closed: 629 });
    const cells = new Set(read('enterprise_project').map((p) => `${p.region}/${p.business_unit}`));
    expect(cells.size).toBe(9);
    const users = read('users');
    for (const region of ['chongqing', 'sichuan', 'yunnan']) expect(users.filter((u) => u.roles.includes(`telecom_region_${region}`))).toHaveLength(2);
  });
});
