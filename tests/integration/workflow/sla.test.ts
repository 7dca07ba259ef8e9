import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';

// Workflow SLAs on a business-hours calendar (issue 16 item 3): a complaint's SLA pausing while
// waiting for the customer and escalating when it runs out. Time is the app's clock, moved by the
// test, and breaches are found by calling the sweep: nothing waits.

const PASSWORD = 'Correct-horse-42';
const H = 3_600_000;
let t: TestApp;
let clock = new Date('2026-12-04T09:00:00Z');
let agent: { id: string; api: ApiClient };
let boss: { id: string; api: ApiClient };

/** Shanghai is UTC+8 all year. */
const cst = (text: string) => new Date(`${text}+08:00`);
const office = [['09:00', '12:00'], ['13:30', '18:00']];
const calendar = {
  name: 'cn_service', label: { en: 'Service desk hours', 'zh-CN': '客服工作时间' }, timezone: 'Asia/Shanghai',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: [{ from: '2027-01-01', to: '2027-01-03' }], workdays: ['2026-12-26'],
};

async function addUser(name: string, roles: string[]) {
  const res = await t.admin.post('/api/admin/users', { username: name, password: PASSWORD, name, roles });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: String(res.body.id), api: await t.login(name, PASSWORD) };
}

const handling = (extra: Record<string, unknown> = {}) => ({
  name: 'complaint_handling', object: 'complaint', initial: 'new',
  states: {
    new: { on: { submit: 'handling' } },
    handling: { approval: { approvers: { user: agent.id } }, on: { approve: 'resolved', reject: 'closed', ask_customer: 'waiting_customer' } },
    waiting_customer: { on: { customer_replied: 'handling', give_up: 'closed' } },
    resolved: { type: 'final' },
    closed: { type: 'final' },
  },
  slas: [{ name: 'resolution', label: { en: 'Resolution', 'zh-CN': '解决时限' }, after: 'PT4H', calendar: 'cn_service', pausedIn: ['waiting_customer'], escalateTo: { role: 'complaint_supervisor' }, dueField: 'sla_due' }],
  ...extra,
});

const view = async (id: string) => (await t.admin.get(`/api/records/complaint/${id}/workflow`)).body;
const record = async (id: string) => (await t.admin.get(`/api/records/complaint/${id}`)).body;
const actions = (v: { history: { action: string }[] }, action: string) => v.history.filter((h) => h.action === action);

async function submitted(title: string, workflow = 'complaint_handling'): Promise<string> {
  const id = String((await t.admin.post('/api/records/complaint', { title })).body.id);
  const res = await t.admin.post(`/api/records/complaint/${id}/submit`, { workflow });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return id;
}

async function transition(id: string, event: string) {
  const res = await t.admin.post(`/api/records/complaint/${id}/transition`, { event });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function decide(user: { api: ApiClient }, id: string, decision: 'approve' | 'reject') {
  const task = (await user.api.get('/api/tasks')).body.data.find((k: { recordId: string }) => k.recordId === id);
  expect(task, `an open task on ${id}`).toBeTruthy();
  expect((await user.api.post(`/api/tasks/${task.id}/${decision}`, {})).status).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp({ now: () => clock, config: { packDirs: [path.resolve(import.meta.dirname, '../../fixtures/calendar-packs')] } });
  expect((await t.admin.put('/api/meta/objects/complaint', { titleField: 'title', fields: [{ name: 'title', type: 'text' }, { name: 'sla_due', type: 'datetime' }] })).status).toBe(201);
  await t.admin.put('/api/admin/roles/complaint_agent', { name: 'complaint_agent', objects: { complaint: { operations: ['read'] } } });
  await t.admin.put('/api/admin/roles/complaint_supervisor', { name: 'complaint_supervisor', objects: { complaint: { operations: ['read'] } } });
  agent = await addUser('sla.agent', ['complaint_agent']);
  boss = await addUser('sla.boss', ['complaint_supervisor']);
  expect((await t.admin.put('/api/meta/calendars/cn_service', calendar)).status).toBe(201);
  const saved = await t.admin.put('/api/meta/workflows/complaint_handling', handling());
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
});
afterAll(() => t?.close());

describe('calendars', () => {
  it('are stored and versioned, read by everyone, changed by administrators only', async () => {
    const read = await agent.api.get('/api/meta/calendars/cn_service');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: 'cn_service', timezone: 'Asia/Shanghai', version: 1 });
    expect((await agent.api.put('/api/meta/calendars/cn_service', calendar)).status).toBe(403);
    const changed = await t.admin.put('/api/meta/calendars/cn_service', { ...read.body, holidays: [...calendar.holidays, '2027-02-17'] });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect((await t.admin.get('/api/meta/calendars/cn_service/versions')).body.data).toHaveLength(2);
    expect((await t.admin.put('/api/meta/calendars/cn_service', calendar)).body.version).toBe(3);
  });

  it('is not deleted while a workflow counts on it', async () => {
    const refused = await t.admin.delete('/api/meta/calendars/cn_service');
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: '/workflows/complaint_handling/slas/0/calendar' })]);
    expect((await t.admin.get('/api/meta/calendars/cn_service')).status).toBe(200);
    expect((await t.admin.put('/api/meta/calendars/spare', { ...calendar, name: 'spare' })).status).toBe(201);
    expect((await agent.api.delete('/api/meta/calendars/spare')).status).toBe(403);
    expect((await t.admin.delete('/api/meta/calendars/spare')).status).toBe(204);
    expect((await t.admin.get('/api/meta/calendars/spare')).status).toBe(404);
  });

  it('refuses a wrong calendar at its JSON pointers, in the caller’s language, and stores nothing', async () => {
    const broken = {
      name: 'broken', timezone: 'Mars/Olympus', week: { mon: [['09:00', '09:00']], tue: [['09:00', '12:00'], ['11:00', '14:00']] },
      holidays: ['2026-02-30', { from: '2026-10-07', to: '2026-10-01' }], workdays: ['2026-13-01'],
    };
    const en = await t.admin.put('/api/meta/calendars/broken', broken);
    expect(en.status).toBe(422);
    const at = (body: { error: { details: { path: string; message: string }[] } }, path: string) => body.error.details.find((d) => d.path === path)?.message;
    expect(at(en.body, '/timezone')).toContain('is not an IANA time zone');
    expect(at(en.body, '/week/mon/0')).toContain('must not start and end at the same time');
    expect(at(en.body, '/week/tue/1')).toContain('overlaps');
    expect(at(en.body, '/holidays/0')).toContain("'2026-02-30' is not a date");
    expect(at(en.body, '/holidays/1/to')).toContain('ends before it starts');
    expect(at(en.body, '/workdays/0')).toBeTruthy();
    const zh = await t.admin.put('/api/meta/calendars/broken', broken, { 'accept-language': 'zh-CN' });
    expect(zh.status).toBe(422);
    expect(at(zh.body, '/timezone')).toContain('不是 IANA 时区');
    expect(at(zh.body, '/holidays/1/to')).toContain('日期范围的结束早于开始');
    const schema = await t.admin.put('/api/meta/calendars/broken', { name: 'broken', timezone: 'UTC', week: { mon: [['9:00', '18:00']] } }, { 'accept-language': 'zh-CN' });
    expect(schema.status).toBe(422);
    expect(schema.body.error.details.map((d: { path: string }) => d.path)).toContain('/week/mon/0/0');
    const empty = await t.admin.put('/api/meta/calendars/broken', { name: 'broken', timezone: 'UTC', week: { sat: [] } });
    expect(at(empty.body, '/week')).toContain('no weekday has working hours');
    expect((await t.admin.get('/api/meta/calendars/broken')).status).toBe(404);
  });
});

describe('workflow SLAs at save', () => {
  it('refuses unknown states and calendars, a due field that is not a date-time, and a calendar duration in days', async () => {
    const wrong = handling({
      slas: [
        { name: 'first', after: 'P1D', calendar: 'cn_service', pausedIn: ['waiting_for_godot'], stopIn: ['resolved'], dueField: 'title' },
        { name: 'second', after: 'PT1H', calendar: 'no_such_calendar', event: 'never_sent' },
        { name: 'third', after: 'P1M' },
      ],
    });
    (wrong.states.handling as Record<string, unknown>).timeout = { after: 'PT8H', calendar: 'nowhere', remind: true };
    const res = await t.admin.put('/api/meta/workflows/complaint_wrong', { ...wrong, name: 'complaint_wrong' });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['/slas/0/after', '/slas/0/pausedIn/0', '/slas/0/dueField', '/slas/1/calendar', '/slas/1/event', '/slas/2/after', '/states/handling/timeout/calendar']));
    const zh = await t.admin.put('/api/meta/workflows/complaint_wrong', { ...wrong, name: 'complaint_wrong' }, { 'accept-language': 'zh-CN' });
    expect(zh.body.error.details.find((d: { path: string }) => d.path === '/slas/1/calendar').message).toContain('没有名为“no_such_calendar”的日历');
    expect((await t.admin.get('/api/meta/workflows/complaint_wrong')).status).toBe(404);
    const checked = await t.admin.post('/api/ui/check/workflow', { ...wrong, name: 'complaint_wrong' });
    expect(checked.status).toBe(422);
    expect(checked.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['/slas/1/calendar', '/slas/0/dueField']));
    expect((await t.admin.post('/api/ui/check/calendar', { name: 'x', timezone: 'Nowhere/Land', week: { mon: office } })).body.error.details).toEqual([expect.objectContaining({ path: '/timezone' })]);
    expect((await t.admin.post('/api/ui/check/calendar', calendar)).body).toEqual({ valid: true });
  });
});

describe('a complaint’s SLA', () => {
  it('pauses while waiting for the customer, resumes with what is left, and escalates once when it runs out', async () => {
    clock = cst('2026-12-04T17:00:00'); // a Friday
    const id = await submitted('Line down since Thursday');
    let v = await view(id);
    expect(v.slas).toEqual([expect.objectContaining({ name: 'resolution', status: 'running', calendar: 'cn_service', dueAt: cst('2026-12-07T12:00:00').toISOString(), usedMs: 0, remainingMs: 4 * H, overdue: false })]);
    expect(new Date((await record(id)).sla_due)).toEqual(cst('2026-12-07T12:00:00'));

    clock = cst('2026-12-07T10:00:00'); // Monday: 1 h on Friday and 1 h this morning
    await transition(id, 'ask_customer');
    v = await view(id);
    expect(v.slas[0]).toMatchObject({ status: 'paused', dueAt: null, usedMs: 2 * H, remainingMs: 2 * H });
    expect(actions(v, 'sla_pause')).toEqual([expect.objectContaining({ from: 'waiting_customer', comment: 'resolution' })]);
    expect((await record(id)).sla_due).toBeNull();

    clock = cst('2026-12-09T09:00:00'); // two days later, the customer answers
    expect(await t.tessera.sweepSlas()).toBe(0);
    await transition(id, 'customer_replied');
    v = await view(id);
    expect(v.slas[0]).toMatchObject({ status: 'running', dueAt: cst('2026-12-09T11:00:00').toISOString(), usedMs: 2 * H });
    expect(actions(v, 'sla_resume')).toHaveLength(1);
    expect(new Date((await record(id)).sla_due)).toEqual(cst('2026-12-09T11:00:00'));

    clock = cst('2026-12-09T10:59:00');
    expect(await t.tessera.sweepSlas()).toBe(0);
    clock = cst('2026-12-09T11:30:00');
    expect((await view(id)).slas[0]).toMatchObject({ status: 'running', overdue: true, remainingMs: 0 });
    expect(await t.tessera.sweepSlas()).toBe(1);
    expect(await t.tessera.sweepSlas()).toBe(0);
    v = await view(id);
    expect(v.slas[0]).toMatchObject({ status: 'breached', usedMs: 4 * H, remainingMs: 0 });
    expect(actions(v, 'sla_breach')).toEqual([expect.objectContaining({ actor: null, comment: `resolution: added approvers ${boss.id}` })]);
    expect(v.tasks.map((k: { assignee: { id: string } }) => k.assignee.id).sort()).toEqual([agent.id, boss.id].sort());

    await decide(boss, id, 'approve');
    v = await view(id);
    expect(v.instance).toMatchObject({ state: 'resolved', status: 'done' });
    expect(v.slas[0].status).toBe('breached');
    expect(actions(v, 'sla_met')).toHaveLength(0);
    expect(actions(v, 'sla_breach')).toHaveLength(1);
  });

  it('is met when the complaint is resolved in time, and a late stop between sweeps counts as breached', async () => {
    clock = cst('2026-12-14T09:00:00');
    const quick = await submitted('Invoice question');
    clock = cst('2026-12-14T14:00:00'); // 3 h 30 min of working time later
    await decide(agent, quick, 'approve');
    let v = await view(quick);
    expect(v.slas[0]).toMatchObject({ status: 'met', usedMs: 3.5 * H, remainingMs: 0.5 * H });
    expect(actions(v, 'sla_met')).toEqual([expect.objectContaining({ to: 'resolved', comment: 'resolution' })]);

    clock = cst('2026-12-14T09:00:00');
    const slow = await submitted('Roaming bill');
    clock = cst('2026-12-15T09:30:00');
    await decide(agent, slow, 'reject');
    v = await view(slow);
    expect(v.slas[0].status).toBe('breached');
    expect(actions(v, 'sla_breach')).toHaveLength(1);
  });

  it('is cancelled by a recall, and was late when paused after its due moment and closed from there', async () => {
    clock = cst('2026-12-21T09:00:00'); // a Monday
    const recalled = await submitted('Wrong number');
    expect((await t.admin.post(`/api/records/complaint/${recalled}/recall`, {})).status).toBe(200);
    expect((await view(recalled)).slas[0]).toMatchObject({ status: 'cancelled', dueAt: null });

    const late = await submitted('Paused too late'); // due at 14:30
    clock = cst('2026-12-21T15:00:00'); // no sweep has seen it yet
    await transition(late, 'ask_customer');
    expect((await view(late)).slas[0]).toMatchObject({ status: 'paused', remainingMs: 0 });
    await transition(late, 'give_up');
    const v = await view(late);
    expect(v.slas[0].status).toBe('breached');
    expect(actions(v, 'sla_breach')).toHaveLength(1);
    expect(actions(v, 'sla_met')).toHaveLength(0);
  });

  it('counts a make-up working day and skips a holiday range', async () => {
    clock = cst('2026-12-25T17:00:00'); // a Friday before a make-up Saturday
    const id = await submitted('Weekend porting');
    expect((await view(id)).slas[0].dueAt).toBe(cst('2026-12-26T12:00:00').toISOString());
    clock = cst('2026-12-31T17:00:00'); // New Year's Day to 3 January off
    const later = await submitted('New year outage');
    expect((await view(later)).slas[0].dueAt).toBe(cst('2027-01-04T12:00:00').toISOString());
  });
});

describe('a state timeout on a calendar', () => {
  it('is timed in working hours from the app’s clock', async () => {
    const timed = {
      name: 'complaint_timed', object: 'complaint', initial: 'review',
      states: {
        review: { approval: { approvers: { user: agent.id } }, on: { approve: 'done', reject: 'done' }, timeout: { after: 'PT2H', calendar: 'cn_service', remind: true } },
        done: { type: 'final' },
      },
    };
    expect((await t.admin.put('/api/meta/workflows/complaint_timed', timed)).status).toBe(201);
    clock = cst('2026-12-11T17:00:00'); // a Friday
    const id = await submitted('Timed', 'complaint_timed');
    const instance = (await view(id)).instance.id;
    const jobs = await t.tessera.db('pgboss.job').where({ name: 'workflow.timeout' }).whereRaw("data->>'instance' = ?", [instance]).select('start_after');
    expect(jobs.map((j: { start_after: Date }) => new Date(j.start_after))).toEqual([cst('2026-12-14T10:00:00')]);
  });
});

describe('a pack’s calendar', () => {
  it('installs before the pack’s workflows, whose SLA counts on it', async () => {
    const installed = await t.admin.post('/api/packs/service_desk/install?demo=false');
    expect(installed.status, JSON.stringify(installed.body)).toBe(200);
    expect(installed.body.changes).toEqual(expect.arrayContaining(['calendar desk_hours created', 'workflow desk_ticket_handling created']));
    expect((await t.admin.get('/api/meta/calendars/desk_hours')).body).toMatchObject({ timezone: 'Asia/Shanghai', version: 1 });
    clock = cst('2026-10-09T17:00:00'); // a Friday before a make-up Saturday
    const id = String((await t.admin.post('/api/records/desk_ticket', { subject: 'Cannot log in' })).body.id);
    expect((await t.admin.post(`/api/records/desk_ticket/${id}/submit`, {})).status).toBe(200);
    const v = (await t.admin.get(`/api/records/desk_ticket/${id}/workflow`)).body;
    expect(v.slas).toEqual([expect.objectContaining({ name: 'first_answer', status: 'running', dueAt: cst('2026-10-10T16:00:00').toISOString() })]);
    expect(new Date((await t.admin.get(`/api/records/desk_ticket/${id}`)).body.answer_due)).toEqual(cst('2026-10-10T16:00:00'));
    expect((await t.admin.post('/api/packs/service_desk/install?demo=false')).body.changes).toEqual([]);
  });
});

describe('calendars in a configuration transfer', () => {
  it('are exported, and imported before the workflows that name them', async () => {
    const exported = (await t.admin.get('/api/admin/config/export')).body;
    expect(exported.definitions.calendars.map((c: { name: string }) => c.name)).toEqual(['cn_service', 'desk_hours']);
    const b = await startTestApp();
    try {
      const object = exported.definitions.objects.find((o: { name: string }) => o.name === 'complaint');
      const workflow = {
        name: 'complaint_light', object: 'complaint', initial: 'open', states: { open: { on: { close: 'closed' } }, closed: { type: 'final' } },
        slas: [{ name: 'answer', after: 'PT2H', calendar: 'cn_service', startIn: ['open'] }],
      };
      const bundle = { manifest: exported.manifest, definitions: { objects: [object], calendars: exported.definitions.calendars, workflows: [workflow] } };
      const preview = await b.admin.post('/api/admin/config/import?dryRun=true', bundle);
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      expect(preview.body.problems).toEqual([]);
      expect(preview.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'calendar', name: 'cn_service', change: 'added' })]));
      const applied = await b.admin.post(`/api/admin/config/import?basis=${preview.body.basis}`, bundle);
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      expect((await b.admin.get('/api/meta/calendars/cn_service')).body).toMatchObject({ timezone: 'Asia/Shanghai', holidays: calendar.holidays });
      expect((await b.admin.get('/api/meta/workflows/complaint_light')).status).toBe(200);
    } finally {
      await b.close();
    }
  });
});
