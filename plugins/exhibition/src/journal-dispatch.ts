import type { Caller, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { everyPage, pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import { T } from './texts.ts';
import { updateFresh } from './update-fresh.ts';

export interface DispatchAnswer {
  /** Subscriptions running on the publication date (cancelled ones excepted). */
  subscriptions: number;
  created: number;
  /** Dispatches that existed already: from an earlier run, or a run at the same moment. */
  existing: number;
}

// The records service passes the database's own error on (PostgreSQL's unique_violation); the HTTP layer translates it.
const isUniqueViolation = (err: unknown) => ['23505', 'UNIQUE_VIOLATION'].includes(String((err as { code?: unknown }).code));

/** The subscriptions of the issue's journal whose period holds its publication date. */
async function subscriptionsOn(issue: RecordData, system: SystemRecordService): Promise<RecordData[]> {
  const date = String(issue.publication_date);
  const filter = { journal: String(issue.journal), starts_on: { $lte: date }, ends_on: { $gte: date }, status: { $ne: 'cancelled' } };
  const found: RecordData[] = [];
  for await (const page of everyPage(system, 'journal_subscription', { filter, fields: ['account', 'copies', 'address'] })) found.push(...page.data);
  return found;
}

async function dispatchedSubscriptions(issueId: string, system: SystemRecordService): Promise<Set<string>> {
  const done = new Set<string>();
  for await (const page of everyPage(system, 'journal_dispatch', { filter: { issue: issueId }, fields: ['subscription'] })) {
    for (const d of page.data) done.add(String(d.subscription));
  }
  return done;
}

/**
 * Creates the missing dispatches one statement at a time after a bulk insert lost a race: the unique
 * index on (subscription, issue) refuses the rows another run wrote meanwhile, which count as existing.
 */
async function createEach(rows: RecordData[], system: SystemRecordService): Promise<number> {
  let created = 0;
  for (const row of rows) {
    try {
      await system.create('journal_dispatch', row);
      created++;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return created;
}

async function markDispatched(issueId: string, system: SystemRecordService): Promise<void> {
  // Another run may mark it between the read and the write: then it is read again (and found dispatched).
  await updateFresh('journal_issue', issueId, system, (issue) => (issue.status === 'dispatched' ? null : { status: 'dispatched' }));
}

/**
 * `POST /journal-issues/:id/dispatch`: one dispatch per subscription running on the publication date,
 * never two (the database's unique index), however often and however concurrently it is run; then the
 * issue is marked dispatched.
 */
export async function dispatchIssue(issueId: string, caller: Caller, system: SystemRecordService, now = new Date()): Promise<DispatchAnswer> {
  const issue = await caller.records.get('journal_issue', issueId);
  if (!(await caller.records.permits('journal_issue', 'dispatch', issueId))) throw pluginError('FORBIDDEN', T.mayNotDispatch);
  const subscriptions = await subscriptionsOn(issue, system);
  const done = await dispatchedSubscriptions(issueId, system);
  const rows = subscriptions.filter((s) => !done.has(String(s.id))).map((s) => ({
    subscription: s.id, issue: issueId, account: s.account, copies: s.copies, address: s.address ?? null, dispatched_at: now.toISOString(), status: 'dispatched',
  }));
  let created = 0;
  if (rows.length) {
    try {
      created = (await system.createMany('journal_dispatch', rows)).length;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      created = await createEach(rows, system);
    }
  }
  await markDispatched(issueId, system);
  return { subscriptions: subscriptions.length, created, existing: subscriptions.length - created };
}
