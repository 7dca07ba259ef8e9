import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { runLoad, type LoadResult } from './load.ts';
import { fmt } from './report.ts';
import { describeLoad, loadError, type BenchSettings, type ScenarioOutcome } from './scenarios.ts';
import { TesseraClient, expectStatus } from './tessera-client.ts';

/**
 * `approvals`: approval decisions per second at the bench's concurrency (SPEC §5.5 under load), with
 * the full workflow history written and checked afterwards in SQL.
 *
 * Set-up through the API: an `expense` object whose `approver` lookup names one of 16 approver users
 * (role `bench_approver`), the workflow `expense_approval` (draft → review → approved |
 * large_approved | rejected; `approve` tests `amount > 5000` in SQL), N expenses by CSV import, all
 * submitted (16 at a time, as the admin; timed, not the measured figure). Each submission opens
 * exactly one task, for the record's approver, so the load knows every task id and its approver in
 * advance: the 16 connections draw from one queue of tasks interleaved over the approvers, each
 * request carrying that approver's token; no two requests touch the same instance. Every 10th
 * decision is a rejection. After a warm-up, the measured run; then every instance is checked.
 */

export const APPROVER_ROLE = 'bench_approver';
const WORKFLOW = 'expense_approval';
const LARGE_AMOUNT = 5000;
const CATEGORIES = ['travel', 'meals', 'hardware', 'software', 'training'] as const;
const REJECT_EVERY = 10;

const EXPENSE_DEFINITION = {
  label: { en: 'Expense', 'zh-CN': '报销' },
  titleField: 'title',
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    { name: 'amount', type: 'number', min: 0 },
    { name: 'category', type: 'enum', options: [...CATEGORIES] },
    { name: 'approver', type: 'lookup', target: 'user' },
  ],
};

const APPROVER_ROLE_DOCUMENT = {
  name: APPROVER_ROLE,
  label: { en: 'Bench approver', 'zh-CN': '基准测试审批人' },
  description: 'Decides the expenses it is named approver of.',
  objects: { expense: { operations: ['read', 'approve'] } },
};

const WORKFLOW_DEFINITION = {
  name: WORKFLOW,
  object: 'expense',
  initial: 'draft',
  states: {
    draft: { on: { submit: 'review' } },
    review: {
      approval: { approvers: { field: 'approver' }, mode: 'any' },
      on: { approve: [{ target: 'large_approved', when: { amount: { $gt: LARGE_AMOUNT } } }, { target: 'approved' }], reject: 'rejected' },
    },
    approved: { type: 'final' },
    large_approved: { type: 'final' },
    rejected: { type: 'final' },
  },
};

/** Runs `work` over `items` with at most `width` calls in flight. */
async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'tessera-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const amountOf = (i: number) => ((i * 7919) % 10_000) + 0.25;

function expensesCsv(count: number, approvers: readonly string[]): string {
  const lines = ['title,amount,category,approver'];
  for (let i = 1; i <= count; i++) lines.push(`Expense ${i},${amountOf(i)},${CATEGORIES[i % CATEGORIES.length]},${approvers[i % approvers.length]}`);
  return lines.join('\n') + '\n';
}

interface Task {
  id: string;
  approver: number;
}

interface Issued {
  decision: 'approve' | 'reject';
  approver: string;
}

/** What the SQL check found; `problems` holds the first few wrong instances in words. */
interface Verification {
  instances: number;
  decided: number;
  approved: number;
  largeApproved: number;
  rejected: number;
  open: number;
  historyRows: number;
  problems: string[];
  problemCount: number;
}

/**
 * Every instance against what its record and the decision sent for it imply: one task, for the
 * record's approver; undecided: running in review with two history rows; decided: done in the final
 * state the decision and `amount` lead to, the record's `_state` and the last history row's
 * to_state equal to it, and exactly the four history rows submit, submit, decision, transition.
 */
async function verify(url: string, issued: ReadonlyMap<string, Issued>): Promise<Verification> {
  const { rows } = await withClient(url, (client) =>
    client.query(
      `SELECT i.id::text AS id, i.state, i.status, r._state AS record_state, r.amount::float8 AS amount, r.approver::text AS approver,
              (SELECT json_agg(json_build_object('action', h.action, 'from', h.from_state, 'to', h.to_state,
                                                 'actor', h.actor::text, 'task', h.task_id::text) ORDER BY h.id)
                 FROM workflow_history h WHERE h.instance_id = i.id) AS history,
              (SELECT json_agg(json_build_object('id', k.id::text, 'status', k.status, 'assignee', k.assignee::text) ORDER BY k.id)
                 FROM workflow_tasks k WHERE k.instance_id = i.id) AS tasks
         FROM workflow_instances i JOIN records.expense r ON r.id = i.record_id
        WHERE i.workflow = $1`,
      [WORKFLOW],
    ),
  );
  const v: Verification = { instances: rows.length, decided: 0, approved: 0, largeApproved: 0, rejected: 0, open: 0, historyRows: 0, problems: [], problemCount: 0 };
  const wrong = (id: string, what: string) => {
    v.problemCount++;
    if (v.problems.length < 8) v.problems.push(`instance ${id}: ${what}`);
  };
  const steps = (history: { action: string; from: string | null; to: string | null }[]) => history.map((h) => `${h.action}:${h.from ?? ''}>${h.to ?? ''}`).join(' ');
  for (const row of rows) {
    const history: { action: string; from: string | null; to: string | null; actor: string | null; task: string | null }[] = row.history ?? [];
    const tasks: { id: string; status: string; assignee: string }[] = row.tasks ?? [];
    v.historyRows += history.length;
    if (tasks.length !== 1) {
      wrong(row.id, `${tasks.length} tasks instead of 1: ${JSON.stringify(tasks)}`);
      continue;
    }
    const task = tasks[0];
    if (task.assignee !== row.approver) wrong(row.id, `task ${task.id} is assigned to user ${task.assignee}, the record's approver is ${row.approver}`);
    const sent = issued.get(task.id);
    const submitted = 'submit:>draft submit:draft>review';
    if (task.status === 'open') {
      v.open++;
      if (row.status !== 'running' || row.state !== 'review' || row.record_state !== 'review' || steps(history) !== submitted) {
        wrong(row.id, `open task but instance ${row.status} in '${row.state}', record _state '${row.record_state}', history ${steps(history)}`);
      }
      continue;
    }
    v.decided++;
    const decision = task.status === 'approved' ? 'approve' : task.status === 'rejected' ? 'reject' : null;
    if (!decision) {
      wrong(row.id, `task ${task.id} is ${task.status}`);
      continue;
    }
    if (!sent) wrong(row.id, `task ${task.id} is ${task.status} but the bench never sent a decision for it`);
    else if (sent.decision !== decision) wrong(row.id, `the bench sent ${sent.decision}, the task is ${task.status}`);
    const expected = decision === 'reject' ? 'rejected' : row.amount > LARGE_AMOUNT ? 'large_approved' : 'approved';
    if (expected === 'rejected') v.rejected++;
    else if (expected === 'large_approved') v.largeApproved++;
    else v.approved++;
    const last = history.at(-1)?.to ?? null;
    if (row.status !== 'done' || row.state !== expected) wrong(row.id, `${decision} of amount ${row.amount}: instance ${row.status} in '${row.state}' instead of done in '${expected}'`);
    if (row.record_state !== row.state || last !== row.state) wrong(row.id, `record _state '${row.record_state}', instance '${row.state}', last history to_state '${last}'`);
    const want = `${submitted} ${decision}:review>review transition:review>${expected}`;
    if (steps(history) !== want) wrong(row.id, `history ${steps(history)} instead of ${want}`);
    const decisionRow = history[2];
    if (decisionRow && (decisionRow.task !== task.id || decisionRow.actor !== task.assignee)) {
      wrong(row.id, `the decision row names task ${decisionRow.task} by user ${decisionRow.actor}, not task ${task.id} by ${task.assignee}`);
    }
  }
  return v;
}

/** The approval scenario; `records` expenses are imported and submitted first. */
export async function approvalsScenario(admin: TesseraClient, settings: BenchSettings, records: number): Promise<ScenarioOutcome> {
  const approverCount = settings.connections;
  expectStatus(await admin.call('PUT', '/api/meta/objects/expense', EXPENSE_DEFINITION), [200, 201], 'define expense');
  expectStatus(await admin.call('PUT', `/api/admin/roles/${APPROVER_ROLE}`, APPROVER_ROLE_DOCUMENT), [200, 201], `role ${APPROVER_ROLE}`);
  const password = `Bench-${randomBytes(9).toString('base64url')}7a`;
  const approvers = await inParallel(Array.from({ length: approverCount }, (_, i) => `bench_approver_${i + 1}`), 4, async (username) => {
    const body = { username, password, name: username.replace(/_/g, ' '), department: admin.session.user.department, roles: [APPROVER_ROLE] };
    expectStatus(await admin.call('POST', '/api/admin/users', body), [201], `create user ${username}`);
    return TesseraClient.login(admin.baseUrl, username, password);
  });
  const approverIds = approvers.map((a) => a.session.user.id);
  expectStatus(await admin.call('PUT', `/api/meta/workflows/${WORKFLOW}`, WORKFLOW_DEFINITION), [200, 201], `workflow ${WORKFLOW}`);

  const imported = expectStatus(await admin.call('POST', '/api/records/expense/import?wait=true', expensesCsv(records, approverIds), 'text/csv'), [200], 'import expenses');
  if (imported.body?.status !== 'done' || imported.body?.inserted !== records) throw new Error(`import of expenses: ${JSON.stringify(imported.body).slice(0, 300)}`);
  const ids: string[] = await withClient(settings.databaseUrl, async (client) =>
    (await client.query('SELECT id::text AS id FROM records.expense ORDER BY id')).rows.map((r: { id: string }) => r.id));

  // Submitting (set-up, timed): every instance moves draft → review and opens one task.
  const submitFailures: string[] = [];
  const submitStarted = performance.now();
  await inParallel(ids, settings.connections, async (id) => {
    const reply = await admin.call('POST', `/api/records/expense/${id}/submit`, { workflow: WORKFLOW });
    if (reply.status !== 200 || reply.body?.state !== 'review' || reply.body?.status !== 'running') {
      submitFailures.push(`record ${id}: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
    }
  });
  const submitSeconds = (performance.now() - submitStarted) / 1000;
  if (submitFailures.length) throw new Error(`${submitFailures.length} of ${ids.length} submissions failed, e.g. ${submitFailures.slice(0, 3).join('; ')}`);

  // The open tasks, interleaved over the approvers; statistics as autovacuum would have them.
  const byApprover = new Map(approverIds.map((id, i) => [id, i]));
  const tasks: Task[] = await withClient(settings.databaseUrl, async (client) => {
    for (const table of ['workflow_instances', 'workflow_tasks', 'workflow_history', 'records.expense']) await client.query(`ANALYZE ${table}`);
    const { rows } = await client.query(
      `SELECT k.id::text AS id, k.assignee::text AS assignee, row_number() OVER (PARTITION BY k.assignee ORDER BY k.id) AS n
         FROM workflow_tasks k JOIN workflow_instances i ON i.id = k.instance_id
        WHERE i.workflow = $1 AND k.status = 'open' ORDER BY n, k.assignee`,
      [WORKFLOW],
    );
    return rows.map((r: { id: string; assignee: string }) => {
      const approver = byApprover.get(r.assignee);
      if (approver === undefined) throw new Error(`task ${r.id} is assigned to user ${r.assignee}, who is none of the bench approvers`);
      return { id: r.id, approver };
    });
  });
  if (tasks.length !== records) throw new Error(`${records} submissions opened ${tasks.length} tasks instead of one each`);

  const issued = new Map<string, Issued>();
  let cursor = 0;
  let exhausted = 0;
  const failures: string[] = [];
  const next = () => {
    const task = tasks[cursor++];
    if (!task) {
      exhausted++;
      return { path: '/api/tasks/0/approve', body: {} };
    }
    const decision = cursor % REJECT_EVERY === 0 ? 'reject' : 'approve';
    const approver = approvers[task.approver];
    issued.set(task.id, { decision, approver: approver.session.user.id });
    return { path: `/api/tasks/${task.id}/${decision}`, body: decision === 'reject' ? { comment: 'over budget' } : {}, headers: approver.authHeader };
  };
  const onFailure = (status: number, body: string) => {
    if (failures.length < 5) failures.push(`HTTP ${status} ${body.slice(0, 200)}`);
  };
  const load = (seconds: number) => runLoad({ url: admin.baseUrl, method: 'POST', headers: {}, next, onFailure, connections: settings.connections, seconds });
  const warmup = await load(settings.warmupSeconds);
  const measuredFrom = cursor;
  const measured = await load(settings.seconds);
  // Requests cut off when the load stopped may still be committing.
  await sleep(1000);

  const verification = await verify(settings.databaseUrl, issued);
  const ok = (r: LoadResult) => r.requests - r.non2xx;
  const decisionsPerSecond = measured.requests ? (measured.rps * ok(measured)) / measured.requests : 0;
  const answered = ok(warmup) + ok(measured);
  const problems: string[] = [];
  if (exhausted) problems.push(`ran out of tasks (${exhausted} requests had none): raise BENCH_APPROVAL_RECORDS above ${records}`);
  if (verification.problemCount) problems.push(`${verification.problemCount} instance(s) wrong after the load, e.g. ${verification.problems.join('; ')}`);
  if (verification.decided < answered || verification.decided > issued.size) {
    problems.push(`${verification.decided} tasks decided in the database, but ${answered} decisions were answered 2xx and ${issued.size} sent`);
  }
  if (verification.instances !== records) problems.push(`${verification.instances} instances for ${records} submitted records`);
  const error = loadError('approval decisions', measured) ?? (problems.length ? `approvals: ${problems.join('; ')}` : undefined);
  // The Tessera process's own count since it started (set-up included), from its metrics endpoint.
  const metrics = expectStatus(await admin.call('GET', '/api/admin/metrics'), [200], 'metrics').body.workflowCompileCache as { hits: number; misses: number; hitRate: number | null };
  const compileCache = metrics.hitRate === null ? 'none recorded' : `${(metrics.hitRate * 100).toFixed(2)}% (${metrics.hits} hits, ${metrics.misses} misses)`;
  return {
    row: {
      scenario: `approval decisions, ${approverCount} approvers, full history`,
      tessera: `${Math.round(decisionsPerSecond).toLocaleString('en-US')} decisions/s, p50 ${fmt.ms(measured.p50)}, p99 ${fmt.ms(measured.p99)}`,
      floor: '-',
      ratio: '-',
      target: '>= 500 decisions/s',
      pass: error ? undefined : decisionsPerSecond >= 500,
      note: `${records.toLocaleString('en-US')} expenses submitted at ${Math.round(records / submitSeconds).toLocaleString('en-US')}/s (set-up); ` +
        `measured ${describeLoad(measured)}, statuses ${JSON.stringify(measured.statusCodes)}; ` +
        `checked in SQL: ${verification.decided} decided (${verification.approved} approved, ${verification.largeApproved} large_approved, ` +
        `${verification.rejected} rejected), ${verification.open} open, ${verification.historyRows} history rows, ${verification.problemCount} wrong; ` +
        `compile-cache hit rate ${compileCache}` +
        (failures.length ? `; first failures: ${failures.join(' | ')}` : ''),
    },
    data: {
      records,
      approvers: approverCount,
      submit: { seconds: submitSeconds, perSecond: records / submitSeconds },
      warmup,
      measured,
      decisionsPerSecond,
      sent: { warmup: measuredFrom, measured: Math.min(cursor, tasks.length) - measuredFrom, exhausted },
      verification,
      failures,
      compileCache: metrics,
    },
    error,
  };
}
