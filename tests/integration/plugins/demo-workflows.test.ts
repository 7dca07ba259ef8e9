import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// A demo record's `$workflow` (docs/demo-data.md, "Demo records under a workflow"): the loader submits
// it as of a field's time and moves it by events at their moments through the engine, so its history,
// SLA clock and approval tasks carry those moments; a bad `$workflow` fails the install naming the item.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-demo-packs-'));
const label = (en: string) => ({ en, 'zh-CN': en });

function writePack(name: string, tickets: Record<string, unknown>[]): void {
  const dir = path.join(root, name);
  for (const folder of ['metadata/objects', 'metadata/workflows', 'metadata/roles', 'demo']) fs.mkdirSync(path.join(dir, folder), { recursive: true });
  const object = `${name}_ticket`;
  const write = (file: string, value: unknown) => fs.writeFileSync(path.join(dir, file), JSON.stringify(value));
  write('pack.json', { name, version: '1.0.0', label: label(name), description: label('test'), demo: 'demo' });
  write(`metadata/objects/${object}.json`, {
    name: object, label: label('Ticket'), titleField: 'subject',
    fields: [
      { name: 'subject', type: 'text', required: true, label: label('Subject') },
      { name: 'status', type: 'enum', options: [{ value: 'new' }, { value: 'working' }, { value: 'waiting' }, { value: 'done' }, { value: 'review' }], label: label('Status') },
      { name: 'opened_at', type: 'datetime', label: label('Opened') },
      { name: 'due', type: 'datetime', label: label('Due') },
    ],
    history: ['status'],
  });
  write(`metadata/roles/${name}_approver.json`, { name: `${name}_approver`, label: label('Approver'), objects: { [object]: { operations: ['read'] } } });
  write(`metadata/workflows/${name}_flow.json`, {
    name: `${name}_flow`, label: label('Flow'), object, initial: 'new',
    states: {
      new: { on: { start: 'working', escalate: 'review' } },
      working: { entry: [{ set: { status: 'working' } }], on: { wait: 'waiting', finish: 'done' } },
      waiting: { entry: [{ set: { status: 'waiting' } }], on: { resume: 'working' } },
      review: { entry: [{ set: { status: 'review' } }], approval: { approvers: { role: `${name}_approver` }, dueIn: 'P2D' }, on: { approve: 'done', reject: 'working' } },
      done: { type: 'final', entry: [{ set: { status: 'done' } }] },
    },
    slas: [{ name: 'fix', label: label('Fix'), after: 'PT10H', pausedIn: ['waiting'], dueField: 'due' }],
  });
  write('demo/users.json', [{ username: `${name}.boss`, password: 'Demo-password-1', name: 'Boss', roles: [`${name}_approver`] }]);
  write(`demo/${object}.json`, tickets);
  write('demo/load-order.json', ['users.json', `${object}.json`]);
}

const OPENED = '2026-11-02T08:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(OPENED) + hours * 3_600_000).toISOString();
const ticket = (subject: string, events: unknown[]) => ({ subject, status: 'new', opened_at: OPENED, $workflow: { name: undefined as unknown, at: 'opened_at', events } });
function ticketsOf(pack: string) {
  const flow = `${pack}_flow`;
  return [
    { ...ticket('waits', [{ event: 'start', at: at(1) }, { event: 'wait', at: at(4), comment: 'asked for logs' }]) },
    { ...ticket('fixed', [{ event: 'start', at: at(1) }, { event: 'finish', at: at(6) }]) },
    { ...ticket('escalated', [{ event: 'escalate', at: at(2) }]) },
  ].map((t) => ({ ...t, $workflow: { ...t.$workflow, name: flow } }));
}
writePack('wfdemo', ticketsOf('wfdemo'));
writePack('wfdemo_bad_event', ticketsOf('wfdemo_bad_event').map((t, i) => (i === 1 ? { ...t, $workflow: { ...t.$workflow, events: [{ event: 'finish', at: at(1) }] } } : t)));
writePack('wfdemo_bad_time', ticketsOf('wfdemo_bad_time').map((t, i) => (i === 2 ? { ...t, $workflow: { ...t.$workflow, at: 'subject' } } : t)));

let t: TestApp;
// The app's clock: a week after the tickets were opened, so the running clock is past due.
const clock = new Date('2026-11-09T08:00:00.000Z');
beforeAll(async () => {
  t = await startTestApp({ config: { packDirs: [root] }, now: () => clock });
}, 120_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const HOUR = 3_600_000;
const bySubject = async (subject: string) => (await t.admin.get(`/api/records/wfdemo_ticket?filter=${encodeURIComponent(JSON.stringify({ subject: { $eq: subject } }))}`)).body.data[0];
const view = async (id: string) => (await t.admin.get(`/api/records/wfdemo_ticket/${id}/workflow`)).body;

describe('demo records under a workflow', () => {
  it('replays each record through the engine at the moments the demo gives', async () => {
    const res = await t.admin.post('/api/packs/wfdemo/install?demo=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    const waits = await bySubject('waits');
    expect(waits).toMatchObject({ status: 'waiting', _state: 'waiting', due: null });
    const waiting = await view(waits.id);
    expect(waiting.instance).toMatchObject({ state: 'waiting', status: 'running', startedAt: OPENED, submittedBy: null });
    expect(waiting.slas).toEqual([expect.objectContaining({ name: 'fix', status: 'paused', dueAt: null, usedMs: 4 * HOUR, remainingMs: 6 * HOUR })]);
    expect(waiting.history.map((h: Record<string, unknown>) => [h.action, h.to, h.comment, h.at])).toEqual([
      ['submit', 'new', null, OPENED],
      ['transition', 'working', null, at(1)],
      ['transition', 'waiting', 'asked for logs', at(4)],
      ['sla_pause', 'waiting', 'fix', at(4)],
    ]);
    const changes = (await t.admin.get(`/api/records/wfdemo_ticket/${waits.id}/history`)).body.data;
    expect(changes.filter((c: { field: string | null }) => c.field === 'status').map((c: { new: unknown; at: string }) => [c.new, c.at])).toEqual([['waiting', at(4)], ['working', at(1)]]);

    const fixed = await view((await bySubject('fixed')).id);
    expect(fixed.instance).toMatchObject({ state: 'done', status: 'done', finishedAt: at(6) });
    expect(fixed.slas).toEqual([expect.objectContaining({ status: 'met', usedMs: 6 * HOUR, endedAt: at(6) })]);
  });

  it("leaves a record submitted into an approval state with open tasks in the approvers' queues", async () => {
    const escalated = await bySubject('escalated');
    expect(escalated.status).toBe('review');
    const boss = await t.login('wfdemo.boss', 'Demo-password-1');
    const tasks = (await boss.get('/api/tasks?status=open')).body.data;
    expect(tasks).toEqual([expect.objectContaining({ recordId: String(escalated.id), state: 'review', createdAt: at(2), dueAt: at(50) })]);
    // Its SLA ran from the submission and is past due on the app's clock: the (next) sweep breaches it.
    expect(escalated.due).toBe(at(10));
    await t.tessera.sweepSlas();
    const swept = await view(escalated.id);
    expect(swept.slas).toEqual([expect.objectContaining({ status: 'breached' })]);
    expect(swept.history.map((h: { action: string }) => h.action)).toContain('sla_breach');
  });

  it('fails the install on an event the state does not take or a time that is none, naming the item', async () => {
    const badEvent = await t.admin.post('/api/packs/wfdemo_bad_event/install?demo=true');
    expect(badEvent.status).toBe(422);
    expect(badEvent.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('wfdemo_bad_event_ticket.json/1') })]));
    expect(JSON.stringify(badEvent.body.error)).toContain('finish');
    const badTime = await t.admin.post('/api/packs/wfdemo_bad_time/install?demo=true');
    expect(badTime.status).toBe(422);
    expect(JSON.stringify(badTime.body.error)).toContain('$workflow.at');
    const packs = (await t.admin.get('/api/packs')).body.data.filter((p: { name: string }) => p.name.startsWith('wfdemo_bad'));
    expect(packs.map((p: { installed: boolean }) => p.installed)).toEqual([false, false]);
  });
});
