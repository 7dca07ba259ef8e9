import type { Knex } from 'knex';
import { loadWorkflowVersion } from './workflow-versions.ts';

export interface RoundPerson {
  id: string;
  name: string;
}

/** Who decided and who is still pending in a countersign (`all`) or vote (`percent`) round. */
export interface RoundApprovers {
  mode: 'all' | 'percent';
  /** The share of approvals that decides a vote; null for a countersign. */
  percent: number | null;
  approved: RoundPerson[];
  rejected: RoundPerson[];
  pending: RoundPerson[];
}

interface TaskOfRound {
  instance_id: string | number;
  round: number;
  workflow: string;
  version: number;
  state: string;
}

const keyOf = (instance: unknown, round: unknown) => `${String(instance)}:${String(round)}`;

/**
 * The approvers of the rounds behind tasks whose approval state counts several decisions, keyed
 * `<instance>:<round>`; rounds decided by the first decision (`any`) have none.
 */
export async function roundApprovers(db: Knex, tasks: readonly TaskOfRound[]): Promise<Map<string, RoundApprovers>> {
  const out = new Map<string, RoundApprovers>();
  const counted = new Map<string, TaskOfRound & { mode: RoundApprovers['mode']; percent: number | null }>();
  for (const task of tasks) {
    const mode = (await loadWorkflowVersion(db, task.workflow, task.version)).definition.states[task.state]?.approval?.mode;
    if (mode === undefined || mode === 'any') continue;
    counted.set(keyOf(task.instance_id, task.round), { ...task, mode: mode === 'all' ? 'all' : 'percent', percent: mode === 'all' ? null : mode.percent });
  }
  if (!counted.size) return out;
  const instances = [...new Set([...counted.values()].map((t) => String(t.instance_id)))];
  const rows: { instance_id: string | number; round: number; status: string; assignee: string | number; name: string }[] = await db('workflow_tasks as k')
    .join('users as u', 'u.id', 'k.assignee')
    .whereIn('k.instance_id', instances)
    .whereIn('k.status', ['open', 'approved', 'rejected'])
    .orderBy('k.id')
    .select('k.instance_id', 'k.round', 'k.status', 'k.assignee', 'u.name');
  for (const row of rows) {
    const key = keyOf(row.instance_id, row.round);
    const round = counted.get(key);
    if (!round) continue;
    const entry = out.get(key) ?? { mode: round.mode, percent: round.percent, approved: [], rejected: [], pending: [] };
    const person = { id: String(row.assignee), name: row.name };
    (row.status === 'open' ? entry.pending : row.status === 'approved' ? entry.approved : entry.rejected).push(person);
    out.set(key, entry);
  }
  return out;
}
