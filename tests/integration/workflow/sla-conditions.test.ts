import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// An SLA's `when`: a condition on the record, in the filter language, tested when the clock would
// start, so one workflow can give each priority its own time. No calendar: every hour counts.

let t: TestApp;
const clock = new Date('2026-12-04T08:00:00Z');

const workflow = (when: unknown) => ({
  name: 'ticket_flow', object: 'ticket', initial: 'new',
  states: { new: { on: { submit: 'open' } }, open: { on: { close: 'closed' } }, closed: { type: 'final' } },
  slas: [
    { name: 'fast', after: 'PT2H', when, dueField: 'due' },
    { name: 'slow', after: 'PT24H', when: { priority: { $ne: 'urgent' } }, dueField: 'due' },
  ],
});

async function submitted(priority: string) {
  const id = String((await t.admin.post('/api/records/ticket', { title: priority, priority })).body.id);
  expect((await t.admin.post(`/api/records/ticket/${id}/submit`, { workflow: 'ticket_flow' })).status).toBe(200);
  return { slas: (await t.admin.get(`/api/records/ticket/${id}/workflow`)).body.slas as { name: string; dueAt: string }[], record: (await t.admin.get(`/api/records/ticket/${id}`)).body };
}

beforeAll(async () => {
  t = await startTestApp({ now: () => clock });
  const ticket = { titleField: 'title', fields: [{ name: 'title', type: 'text' }, { name: 'priority', type: 'enum', options: ['normal', 'urgent'] }, { name: 'due', type: 'datetime' }] };
  expect((await t.admin.put('/api/meta/objects/ticket', ticket)).status).toBe(201);
  const saved = await t.admin.put('/api/meta/workflows/ticket_flow', workflow({ priority: { $eq: 'urgent' } }));
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
});
afterAll(() => t?.close());

describe('SLAs with a condition', () => {
  it('start only for the records that meet their condition', async () => {
    const urgent = await submitted('urgent');
    expect(urgent.slas.map((s) => [s.name, s.dueAt])).toEqual([['fast', '2026-12-04T10:00:00.000Z']]);
    expect(urgent.record.due).toBe('2026-12-04T10:00:00.000Z');
    const normal = await submitted('normal');
    expect(normal.slas.map((s) => [s.name, s.dueAt])).toEqual([['slow', '2026-12-05T08:00:00.000Z']]);
    expect(normal.record.due).toBe('2026-12-05T08:00:00.000Z');
  });

  it('refuses a condition the object cannot answer, at its pointer, and keeps the stored version', async () => {
    const res = await t.admin.put('/api/meta/workflows/ticket_flow', workflow({ severity: { $eq: 'high' } }));
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/slas/0/when/severity']);
    expect((await t.admin.get('/api/meta/workflows/ticket_flow')).body.slas[0].when).toEqual({ priority: { $eq: 'urgent' } });
  });
});
