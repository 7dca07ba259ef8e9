import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { countRecords, demoFile, everyRecord } from '../helpers/pack-demo.ts';

// Issue 16 item 7, "complaints with SLAs" in the demo: every demo complaint is loaded under
// complaint_handling, submitted when it was opened and moved by its `$workflow` events at their
// moments, so its SLA clocks and history are those of real use; a tariff version and the projects at
// acceptance wait for the executive's approval. The app's clock stands just after the last complaint
// was taken on, so that one's resolution clock still runs.

const packDir = path.resolve(import.meta.dirname, '../../../plugins/telecom');
const complaints = demoFile(packDir, 'complaint');
const DEMO_PASSWORD = 'Demo-pass-2026';
type Event = { event: string; at: string };
const eventsOf = (c: Record<string, any>) => c.$workflow.events as Event[];
const lastEvent = (c: Record<string, any>) => eventsOf(c).at(-1)?.event;
const latestStart = complaints.filter((c) => lastEvent(c) === 'start').map((c) => eventsOf(c)[0].at).sort().at(-1)!;
const clock = new Date(Date.parse(latestStart) + 60_000);

let t: TestApp;
let records: Record<string, any>[];
const view = async (id: string) => {
  const res = await t.admin.get(`/api/records/complaint/${id}/workflow`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { instance: Record<string, any>; history: Record<string, any>[]; slas: Record<string, any>[] };
};
const resolutionOf = (slas: Record<string, any>[]) => slas.find((s) => String(s.name).startsWith('resolution'))!;

beforeAll(async () => {
  t = await startTestApp({ now: () => clock });
  const res = await t.admin.post('/api/packs/telecom/install?demo=true');
  expect(res.status, JSON.stringify(res.body).slice(0, 3000)).toBe(200);
  records = await everyRecord(t.admin, 'complaint', undefined, ['id', 'subject', 'opened_at', 'resolved_at', 'status', 'sla_due', '_state']);
}, 600_000);
afterAll(() => t?.close());

describe('the telecom demo complaints under complaint_handling', () => {
  it('puts every complaint in the state its events lead to, with status following it', () => {
    const expected = { undefined: 'open', start: 'in_progress', wait_customer: 'waiting_customer', resolve: 'resolved', close: 'closed' } as Record<string, string>;
    const want = complaints.map((c) => expected[String(lastEvent(c))]).sort();
    expect(records.map((r) => r.status).sort()).toEqual(want);
    expect(records.every((r) => r.status === r._state)).toBe(true);
    expect(want.filter((s) => s === 'waiting_customer').length).toBeGreaterThan(0);
  });

  it('pauses the resolution clock of a complaint waiting for the customer', async () => {
    const waiting = records.find((r) => r.status === 'waiting_customer')!;
    const { instance, history, slas } = await view(waiting.id);
    expect(instance).toMatchObject({ workflow: 'complaint_handling', state: 'waiting_customer', status: 'running', startedAt: waiting.opened_at });
    expect(resolutionOf(slas)).toMatchObject({ status: 'paused', dueAt: null, calendar: 'cn_business_hours' });
    expect(resolutionOf(slas).usedMs).toBeGreaterThan(0);
    expect(waiting.sla_due).toBeNull();
    const demo = complaints.find((c) => c.opened_at === waiting.opened_at && c.subject === waiting.subject)!;
    const waitedAt = eventsOf(demo).find((e) => e.event === 'wait_customer')!.at;
    expect(history.map((h) => [h.action, h.event ?? h.comment, h.at])).toEqual(expect.arrayContaining([
      ['submit', null, waiting.opened_at],
      ['transition', 'wait_customer', waitedAt],
      ['sla_pause', resolutionOf(slas).name, waitedAt],
    ]));
  });

  it('keeps the resolution clock of a complaint in progress running, its due moment in sla_due', async () => {
    const running = records.find((r) => r.status === 'in_progress' && Date.parse(r.sla_due) > clock.getTime())!;
    expect(running).toBeDefined();
    const { history, slas } = await view(running.id);
    expect(resolutionOf(slas)).toMatchObject({ status: 'running', dueAt: running.sla_due, overdue: false });
    expect(slas.find((s) => s.name === 'first_response')!.status).toMatch(/^(met|breached)$/);
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['submit', 'transition']));
    expect(history.every((h) => h.at < clock.toISOString())).toBe(true);
  });

  it('ends the resolution clock of every resolved complaint when it was resolved, most of them met', async () => {
    const resolved = records.filter((r) => r.status === 'resolved');
    expect(resolved.length).toBeGreaterThan(10);
    const outcomes: string[] = [];
    for (const r of resolved) {
      const sla = resolutionOf((await view(r.id)).slas);
      expect(sla.endedAt, r.subject).toBe(r.resolved_at);
      outcomes.push(sla.status);
    }
    expect(outcomes.every((s) => s === 'met' || s === 'breached')).toBe(true);
    expect(outcomes.filter((s) => s === 'met').length).toBeGreaterThan(resolved.length / 2);
  });

  it('shows a closed complaint\'s whole history at the moments it happened', async () => {
    const closed = records.find((r) => r.status === 'closed')!;
    const { instance, history } = await view(closed.id);
    expect(instance).toMatchObject({ status: 'done', state: 'closed', startedAt: closed.opened_at });
    const moves = history.filter((h) => h.action === 'submit' || h.action === 'transition');
    expect(moves.map((h) => h.to)).toEqual(expect.arrayContaining(['open', 'in_progress', 'resolved', 'closed']));
    expect(moves.find((h) => h.to === 'resolved')!.at).toBe(closed.resolved_at);
    expect(instance.finishedAt).toBe(moves.at(-1)!.at);
    expect(moves.map((h) => h.at)).toEqual(moves.map((h) => h.at).sort());
    // The record's own history: its status changed by the workflow at the same moments.
    const changes = (await t.admin.get(`/api/records/complaint/${closed.id}/history`)).body.data as { field: string | null; new: unknown; at: string }[];
    const statusChanges = changes.filter((c) => c.field === 'status').map((c) => [c.new, c.at]);
    expect(statusChanges).toEqual(expect.arrayContaining([['resolved', closed.resolved_at], ['closed', instance.finishedAt]]));
  });

  it('gives the executive an open task for each record submitted to an approval in the demo', async () => {
    const executive = await t.login('he.zhiyuan', DEMO_PASSWORD);
    const tasks = (await executive.get('/api/tasks?status=open')).body.data as { object: string; state: string; title: string; createdAt: string }[];
    const expected = (object: string) => demoFile(packDir, object).filter((r) => r.$workflow).map((r) => ({ title: r.title ?? r.name, createdAt: r.$workflow.at }));
    const found = (object: string, state: string) => tasks.filter((k) => k.object === object && k.state === state).map((k) => ({ title: k.title, createdAt: k.createdAt }));
    expect(found('tariff_version', 'review')).toEqual(expected('tariff_version'));
    expect(expected('enterprise_project').length).toBeGreaterThan(5);
    expect(found('enterprise_project', 'stage_review')).toEqual(expect.arrayContaining(expected('enterprise_project')));
    expect(found('enterprise_project', 'stage_review')).toHaveLength(expected('enterprise_project').length);
    expect(await countRecords(t.admin, 'tariff_version', { status: { $eq: 'in_review' } })).toBe(1);
    expect(await countRecords(t.admin, 'enterprise_project', { stage_approval: { $eq: 'pending' } })).toBe(expected('enterprise_project').length);
  });
});
