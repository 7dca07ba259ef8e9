import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { recordTable } from '../../../platform/src/metadata/naming.ts';
import type { ChildServer } from '../../bench/child-server.ts';
import { ADMIN_PASSWORD, createDurableDatabase, killHard, login, startTessera, stopGracefully, type Client, type DurableDatabase, type Reply } from './crash-server.ts';
import { seededRandom } from '../../../plugins/analytics/src/engine/seeded-random.ts';

// Crash recovery of the workflow engine: Tessera runs as its own process (node --import tsx
// platform/src/main.ts) on a database that outlives it: PGlite files on disk, or a PostgreSQL
// database with TESSERA_TEST_DB=postgres. Approvers decide on many records at once, the process is
// SIGKILLed in the middle of that burst, and a new process on the same database must find every
// instance whole: its state is where its history last moved it, the record's _state and the entry
// actions agree with it, its open tasks are exactly those of that state, and every decision whose
// answer reached the client is there. Afterwards the server takes new decisions.

const PASSWORD = 'Correct-horse-42';
const RECORDS = 200;
const WORKERS = 16;
/** The kill comes once this many decisions and resubmissions have been answered. */
const KILL_AFTER = 100;
const SEED = Number(process.env.CRASH_TEST_SEED ?? 20261201);

const claim = {
  titleField: 'name',
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'amount', type: 'number' },
    { name: 'stage', type: 'enum', options: ['open', 'checking', 'approved'] },
  ],
};

const claimApproval = {
  name: 'claim_approval',
  object: 'claim',
  initial: 'draft',
  states: {
    draft: { entry: [{ set: { stage: 'open' } }], on: { submit: 'review' } },
    review: { approval: { approvers: { role: 'reviewer' }, mode: 'any' }, on: { approve: 'second_review', reject: 'draft' } },
    second_review: {
      entry: [{ set: { stage: 'checking' } }],
      approval: { approvers: { role: 'auditor' }, mode: 'any' },
      on: { approve: 'approved', reject: 'draft' },
    },
    approved: { type: 'final', entry: [{ set: { stage: 'approved' } }] },
  },
};

/** Where each event leads, by state: what a history must follow. */
const MOVES: Record<string, Record<string, string>> = {
  draft: { submit: 'review' },
  review: { approve: 'second_review', reject: 'draft' },
  second_review: { approve: 'approved', reject: 'draft' },
};
const FINAL = new Set(['approved']);
const APPROVAL_ROLE: Record<string, string> = { review: 'reviewer', second_review: 'auditor' };
/** The stage the entry `set` actions leave in each state (records start 'open'). */
const STAGE: Record<string, string> = { draft: 'open', review: 'open', second_review: 'checking', approved: 'approved' };

interface Person { id: string; username: string; role: string }
const people: Person[] = [
  { id: '', username: 'crash.rev1', role: 'reviewer' },
  { id: '', username: 'crash.rev2', role: 'reviewer' },
  { id: '', username: 'crash.aud1', role: 'auditor' },
  { id: '', username: 'crash.aud2', role: 'auditor' },
];

interface HistoryEntry { id: string; action: string; event: string | null; from: string | null; to: string | null; task: string | null }
interface TaskEntry { id: string; state: string; assignee: { id: string } }
interface View { instance: { id: string; state: string; status: string } | null; history: HistoryEntry[]; tasks: TaskEntry[] }

/** An answered POST: committed before the answer was sent, so it must survive the kill. */
interface Acknowledged { record: string; kind: 'approve' | 'reject' | 'submit'; task: string | null; state: string }

let database: DurableDatabase;
let server: ChildServer | undefined;
let admin: Client;
const clients = new Map<string, Client>();
const recordIds: string[] = [];
let restarted = false;

function expectOk(reply: Reply, what: string, status = [200, 201]): Reply {
  if (!status.includes(reply.status)) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
  return reply;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  }));
  return out;
}

async function logIn(baseUrl: string): Promise<void> {
  admin = await login(baseUrl, 'admin', ADMIN_PASSWORD);
  for (const p of people) clients.set(p.id, await login(baseUrl, p.username, PASSWORD));
}

const view = async (id: string): Promise<View> => expectOk(await admin.get(`/api/records/claim/${id}/workflow`), `workflow of claim ${id}`, [200]).body;
const record = async (id: string) => expectOk(await admin.get(`/api/records/claim/${id}`), `claim ${id}`, [200]).body;

/**
 * What is wrong with one record's workflow, as sentences (empty when nothing is): the history must
 * be a path through the definition that ends in the instance's state, every decision followed by
 * its transition in the same transaction, and the record, its entry actions and its open tasks must
 * all agree with that state.
 */
function problemsOf(v: View, rec: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!v.instance) return ['no instance although the record was submitted'];
  const { state, status } = v.instance;
  let position: string | null = null;
  let pendingDecision: string | null = null;
  for (const [i, h] of v.history.entries()) {
    const where = `history[${i}] ${h.action} ${h.event ?? '-'} ${h.from ?? 'null'}→${h.to ?? 'null'}`;
    if (pendingDecision !== null && !(h.action === 'transition' && h.event === pendingDecision)) {
      problems.push(`${where}: the ${pendingDecision} decision before it has no transition`);
    }
    pendingDecision = null;
    if (h.action === 'submit') {
      const first = i === 0 && h.from === null && h.to === 'draft';
      const second = i === 1 && h.from === 'draft' && h.to === 'review' && h.event === 'submit';
      if (!first && !second) problems.push(`${where}: a submit entry out of place`);
      position = h.to;
    } else if (h.action === 'approve' || h.action === 'reject') {
      if (h.from !== position || h.to !== position) problems.push(`${where}: a decision outside the state ${position}`);
      if (h.task === null) problems.push(`${where}: a decision without its task`);
      pendingDecision = h.action;
    } else if (h.action === 'transition') {
      const target = position === null ? undefined : MOVES[position]?.[h.event ?? ''];
      if (h.from !== position || h.to !== target) problems.push(`${where}: from ${position} the event ${h.event} leads to ${target}`);
      position = h.to;
    } else {
      problems.push(`${where}: an action nobody took`);
    }
  }
  if (pendingDecision !== null) problems.push(`the last ${pendingDecision} decision has no transition`);
  const lastMove = [...v.history].reverse().find((h) => h.action === 'submit' || h.action === 'transition');
  if (lastMove?.to !== state) problems.push(`state ${state} but the last move went to ${lastMove?.to}`);
  if (position !== state) problems.push(`state ${state} but the history leads to ${position}`);
  const final = FINAL.has(state);
  if (status !== (final ? 'done' : 'running')) problems.push(`status ${status} in the ${final ? 'final' : 'running'} state ${state}`);
  if (rec._state !== state) problems.push(`record _state ${String(rec._state)} but instance state ${state}`);
  if (rec.stage !== STAGE[state]) problems.push(`stage ${String(rec.stage)} in ${state}, the entry actions leave ${STAGE[state]}`);
  const role = APPROVAL_ROLE[state];
  if (role) {
    const expected = people.filter((p) => p.role === role).map((p) => p.id).sort();
    const assignees = v.tasks.map((k) => k.assignee.id).sort();
    if (JSON.stringify(assignees) !== JSON.stringify(expected)) problems.push(`open tasks for ${JSON.stringify(assignees)} in ${state}, expected one each for ${JSON.stringify(expected)}`);
  } else if (v.tasks.length) {
    problems.push(`${v.tasks.length} open tasks in ${state}, which takes no decisions`);
  }
  for (const k of v.tasks) if (k.state !== state) problems.push(`open task ${k.id} of ${k.state} while the instance is in ${state}`);
  return problems;
}

interface Finding { record: string; problems: string[]; instance: View['instance']; history: string[]; tasks: string[]; _state: unknown; stage: unknown }

/** Every record's workflow read back through the API; the findings carry the data that explains them. */
async function inspect(ids: readonly string[]): Promise<{ views: Map<string, View>; findings: Finding[] }> {
  const views = new Map<string, View>();
  const findings: Finding[] = [];
  await inParallel(ids, 16, async (id) => {
    const [v, rec] = await Promise.all([view(id), record(id)]);
    views.set(id, v);
    const problems = problemsOf(v, rec);
    if (problems.length) {
      findings.push({
        record: id,
        problems,
        instance: v.instance,
        history: v.history.map((h) => `#${h.id} ${h.action} ${h.event ?? '-'} ${h.from ?? 'null'}→${h.to ?? 'null'}${h.task ? ` task ${h.task}` : ''}`),
        tasks: v.tasks.map((k) => `#${k.id} ${k.state} for ${k.assignee.id}`),
        _state: rec._state,
        stage: rec.stage,
      });
    }
  });
  return { views, findings };
}

beforeAll(async () => {
  database = await createDurableDatabase();
  server = await startTessera(database);
  admin = await login(server.baseUrl, 'admin', ADMIN_PASSWORD);
  expectOk(await admin.put('/api/meta/objects/claim', claim), 'define claim');
  for (const role of ['reviewer', 'auditor']) {
    expectOk(await admin.put(`/api/admin/roles/${role}`, { name: role, objects: { claim: { operations: ['read'] } } }), `role ${role}`);
  }
  for (const p of people) {
    p.id = String(expectOk(await admin.post('/api/admin/users', { username: p.username, password: PASSWORD, name: p.username, roles: [p.role] }), `user ${p.username}`).body.id);
  }
  expectOk(await admin.put('/api/meta/workflows/claim_approval', claimApproval), 'define the workflow');
  await logIn(server.baseUrl);
  const created = await inParallel(Array.from({ length: RECORDS }, (_, i) => i), 16, async (i) => {
    const id = String(expectOk(await admin.post('/api/records/claim', { name: `Claim ${i}`, amount: 100 + i, stage: 'open' }), `create claim ${i}`).body.id);
    expect(expectOk(await admin.post(`/api/records/claim/${id}/submit`, {}), `submit claim ${id}`, [200]).body).toMatchObject({ state: 'review', status: 'running' });
    return id;
  });
  recordIds.push(...created);
}, 240_000);

afterAll(async () => {
  if (server) await killHard(server);
  await database?.drop();
});

describe('a workflow server killed during a burst of decisions', () => {
  const acknowledged: Acknowledged[] = [];

  it('restarts with every instance, record and task list consistent and every answered decision kept', async () => {
    const first = server!;
    // Seeded, so a failing interleaving's choices can be replayed.
    const rand = seededRandom(SEED).next;
    let killed = false;
    let kill: Promise<void> | undefined;
    let postsInFlight = 0;
    let postsInFlightAtKill = 0;
    let postsCutOff = 0;
    let otherCutOff = 0;
    let raceLosers = 0;
    const unexpected: string[] = [];
    const startedAt = performance.now();
    let killedAt = 0;

    /** A request of the burst: null when the kill cut it off. */
    const call = async (request: () => Promise<Reply>, post: boolean): Promise<Reply | null> => {
      if (post) postsInFlight++;
      try {
        return await request();
      } catch (err) {
        if (!killed) throw err;
        if (post) postsCutOff++;
        else otherCutOff++;
        return null;
      } finally {
        if (post) postsInFlight--;
      }
    };
    const answered = (entry: Acknowledged) => {
      acknowledged.push(entry);
      if (!killed && acknowledged.length >= KILL_AFTER) {
        killed = true;
        killedAt = performance.now();
        postsInFlightAtKill = postsInFlight;
        kill = killHard(first);
      }
    };

    /** One record through its approvals to the end (or until the kill); rejected ones are resubmitted. */
    const runRecord = async (id: string): Promise<void> => {
      let rejections = 0;
      while (!killed) {
        const got = await call(() => admin.get(`/api/records/claim/${id}/workflow`), false);
        if (!got) return;
        if (got.status !== 200) return void unexpected.push(`workflow of ${id}: ${got.status} ${JSON.stringify(got.body)}`);
        if (killed) return;
        const v = got.body as View;
        const state = v.instance!.state;
        if (FINAL.has(state)) return;
        if (state === 'draft') {
          const res = await call(() => admin.post(`/api/records/claim/${id}/transition`, { event: 'submit' }), true);
          if (!res) return;
          if (res.status !== 200) return void unexpected.push(`resubmit ${id}: ${res.status} ${JSON.stringify(res.body)}`);
          answered({ record: id, kind: 'submit', task: null, state: res.body.state });
          continue;
        }
        const decision = rejections < 2 && rand() < 0.3 ? 'reject' : 'approve';
        if (decision === 'reject') rejections++;
        // Now and then both approvers decide at the same moment: one wins, the other finds its task closed.
        const deciders = rand() < 0.2 ? v.tasks : [v.tasks[Math.floor(rand() * v.tasks.length)]];
        const replies = await Promise.all(deciders.map(async (task, i) => {
          const kind: 'approve' | 'reject' = i === 0 ? decision : 'approve';
          const res = await call(() => clients.get(task.assignee.id)!.post(`/api/tasks/${task.id}/${kind}`, {}), true);
          return { task, kind, res };
        }));
        let won = 0;
        for (const { task, kind, res } of replies) {
          if (!res) continue;
          if (res.status === 200 && res.body.decided === true) {
            won++;
            answered({ record: id, kind, task: task.id, state: res.body.instance.state });
          } else if (res.status === 409 && deciders.length > 1) {
            raceLosers++;
          } else {
            unexpected.push(`${kind} task ${task.id} of ${id}: ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
        if (won > 1) unexpected.push(`two decisions on ${id} in ${state} both won`);
      }
    };

    // Each worker takes records one after another, so at the kill some are finished, some half way
    // through and the rest untouched.
    await inParallel(recordIds, WORKERS, (id) => runRecord(id));
    await kill;
    const burstMs = Math.round(performance.now() - startedAt);

    expect(unexpected).toEqual([]);
    expect(killed, 'the burst ended before the kill').toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(postsInFlightAtKill, 'no decision was in flight at the kill').toBeGreaterThan(0);
    expect(postsCutOff, 'no decision was cut off by the kill').toBeGreaterThan(0);
    expect(first.process.signalCode).toBe('SIGKILL');

    const restartStarted = performance.now();
    server = await startTessera(database);
    restarted = true;
    const restartMs = Math.round(performance.now() - restartStarted);
    await logIn(server.baseUrl);

    const { views, findings } = await inspect(recordIds);
    const states: Record<string, number> = {};
    for (const v of views.values()) states[v.instance!.state] = (states[v.instance!.state] ?? 0) + 1;
    console.log(`crash recovery on ${database.kind}: seed ${SEED}, killed after ${Math.round(killedAt - startedAt)} ms with ${acknowledged.length} answered and ${postsInFlightAtKill} decisions in flight; ` +
      `${postsCutOff} decisions and ${otherCutOff} reads cut off, ${raceLosers} race losers; burst ${burstMs} ms, restart ${restartMs} ms; states after restart ${JSON.stringify(states)}`);
    expect(findings).toEqual([]);

    // Every decision the client heard about is in the history; so is every answered resubmission.
    const lost: string[] = [];
    for (const a of acknowledged) {
      const history = views.get(a.record)!.history;
      if (a.kind === 'submit') continue;
      if (!history.some((h) => h.action === a.kind && h.task === a.task)) lost.push(`${a.kind} of task ${a.task} on ${a.record} (answered with state ${a.state})`);
    }
    for (const id of recordIds) {
      const answeredResubmits = acknowledged.filter((a) => a.record === id && a.kind === 'submit').length;
      const kept = views.get(id)!.history.filter((h) => h.action === 'transition' && h.event === 'submit').length;
      if (kept < answeredResubmits) lost.push(`${answeredResubmits - kept} answered resubmissions of ${id}`);
    }
    expect(lost).toEqual([]);
    // The burst got somewhere: some instances finished before the kill, some were left waiting for decisions.
    expect(states.approved ?? 0).toBeGreaterThan(0);
    expect((states.review ?? 0) + (states.second_review ?? 0)).toBeGreaterThan(0);
  }, 180_000);

  it('takes new decisions, resubmissions and submissions after the restart', async () => {
    if (!restarted) throw new Error('the server was not restarted');
    const { views } = await inspect(recordIds);
    const waiting = recordIds.filter((id) => ['review', 'second_review'].includes(views.get(id)!.instance!.state)).slice(0, 6);
    expect(waiting.length).toBeGreaterThan(0);
    const touched = [...waiting];
    for (const id of waiting) {
      const before = views.get(id)!;
      const task = before.tasks[0];
      const res = expectOk(await clients.get(task.assignee.id)!.post(`/api/tasks/${task.id}/approve`, { comment: 'after the restart' }), `approve ${task.id}`, [200]);
      expect(res.body).toMatchObject({ decided: true, instance: { state: MOVES[before.instance!.state].approve } });
    }
    const draft = recordIds.find((id) => views.get(id)!.instance!.state === 'draft');
    if (draft) {
      expect(expectOk(await admin.post(`/api/records/claim/${draft}/transition`, { event: 'submit' }), `resubmit ${draft}`, [200]).body).toMatchObject({ state: 'review' });
      touched.push(draft);
    }
    const fresh = String(expectOk(await admin.post('/api/records/claim', { name: 'After the crash', amount: 1, stage: 'open' }), 'create after restart').body.id);
    expect(expectOk(await admin.post(`/api/records/claim/${fresh}/submit`, {}), 'submit after restart', [200]).body).toMatchObject({ state: 'review', status: 'running' });
    recordIds.push(fresh);
    touched.push(fresh);
    expect((await inspect(touched)).findings).toEqual([]);
  }, 120_000);

  it('leaves the tables consistent: tasks, decisions, history and records agree row by row', async () => {
    if (!restarted) throw new Error('the server was not restarted');
    // PGlite's files belong to one process at a time: stop the server (cleanly) and open them here.
    await stopGracefully(server!);
    const db: Knex = database.connect();
    try {
      const table = recordTable('claim');
      const problems: unknown[] = [];
      const instances = await db('workflow_instances as i')
        .join(`${table} as r`, 'r.id', 'i.record_id')
        .select('i.id', 'i.record_id', 'i.state', 'i.status', 'i.round', 'r._state', 'r.stage');
      expect(instances).toHaveLength(recordIds.length);
      for (const i of instances) if (i._state !== i.state || i.stage !== STAGE[i.state]) problems.push({ mismatch: 'record', ...i });

      const open = await db('workflow_tasks as k').join('workflow_instances as i', 'i.id', 'k.instance_id').where('k.status', 'open')
        .select('k.id', 'k.instance_id', 'k.state', 'k.round', 'i.state as instance_state', 'i.round as instance_round', 'i.status as instance_status');
      for (const k of open) if (k.state !== k.instance_state || k.round !== k.instance_round || k.instance_status !== 'running') problems.push({ mismatch: 'open task', ...k });

      // Each decided task has exactly its one decision entry, and each decision entry its decided task.
      const decided = await db('workflow_tasks as k')
        .leftJoin('workflow_history as h', 'h.task_id', 'k.id')
        .whereIn('k.status', ['approved', 'rejected'])
        .groupBy('k.id', 'k.status')
        .select('k.id', 'k.status', db.raw('count(h.id)::int AS entries'), db.raw('min(h.action) AS action'));
      for (const k of decided) if (k.entries !== 1 || k.action !== (k.status === 'approved' ? 'approve' : 'reject')) problems.push({ mismatch: 'decided task', ...k });
      const entries = await db('workflow_history as h').leftJoin('workflow_tasks as k', 'k.id', 'h.task_id').whereIn('h.action', ['approve', 'reject'])
        .select('h.id', 'h.instance_id', 'h.action', 'h.task_id', 'k.status as task_status', 'k.instance_id as task_instance');
      for (const h of entries) {
        if (h.task_status !== (h.action === 'approve' ? 'approved' : 'rejected') || h.task_instance !== h.instance_id) problems.push({ mismatch: 'decision entry', ...h });
      }
      // Mode any: every decision moved its instance, so decisions and decision transitions pair up.
      const counts = await db('workflow_history').groupBy('instance_id').select('instance_id',
        db.raw("count(*) FILTER (WHERE action IN ('approve', 'reject'))::int AS decisions"),
        db.raw("count(*) FILTER (WHERE action = 'transition' AND event IN ('approve', 'reject'))::int AS moves"));
      for (const c of counts) if (c.decisions !== c.moves) problems.push({ mismatch: 'decisions without moves', ...c });
      expect(problems).toEqual([]);
      expect(decided.length).toBeGreaterThanOrEqual(acknowledged.filter((a) => a.kind !== 'submit').length);
    } finally {
      await db.destroy();
    }
  }, 120_000);
});
