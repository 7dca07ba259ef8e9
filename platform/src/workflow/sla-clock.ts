import type { Knex } from 'knex';
import { clockOf, type Ctx } from '../core/ctx.ts';
import { readCalendar } from '../metadata/calendars.ts';
import type { Sla } from '../generated/workflow.ts';
import { isFinal } from '../metadata/workflow-shape.ts';
import { addWorkingTime, durationMs, workingTimeBetween } from './business-time.ts';
import { evaluateConditions } from './conditions.ts';
import { writeRecordValues, writeWorkflowHistory, type HistoryInput, type Transition } from './transition-step.ts';

/**
 * The SLA clocks of a workflow instance, moved by its transitions inside their transaction: an SLA
 * starts on submission (or on entering one of `startIn`) for a record that meets its `when`, stands still in `pausedIn` (the working time
 * used so far is kept), runs on from the remaining budget when the record leaves those states, and ends
 * in `stopIn` (default: the final states) — met, or breached when past due. Breaches of running clocks
 * are found by the sweep (sla-sweep.ts).
 */

/** `cancelled`: the record was recalled from the workflow before the SLA ended. */
export type SlaStatus = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';

export interface SlaRow {
  id: string;
  instance_id: string;
  sla: string;
  status: SlaStatus;
  used_ms: number;
  allowed_ms: number;
  running_since: Date | null;
  due_at: Date | null;
  ended_at: Date | null;
}

/** A recall ends the instance's running and paused SLAs, neither met nor breached. */
export async function cancelSlas(db: Knex, instanceId: string, now: Date): Promise<void> {
  await db('workflow_slas').where({ instance_id: instanceId }).whereIn('status', ['running', 'paused']).update({ status: 'cancelled', running_since: null, due_at: null, ended_at: now });
}

export function toSlaRow(row: Record<string, unknown>): SlaRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: String(row.id), instance_id: String(row.instance_id), sla: String(row.sla), status: row.status as SlaStatus,
    used_ms: Number(row.used_ms), allowed_ms: Number(row.allowed_ms),
    running_since: date(row.running_since), due_at: date(row.due_at), ended_at: date(row.ended_at),
  };
}

/** How an SLA counts time: working time on its calendar, or every hour without one (or when its calendar is gone). */
export interface SlaTime {
  add(start: Date, ms: number): Date;
  between(a: Date, b: Date): number;
}

export async function slaTime(db: Knex, calendarName: string | undefined): Promise<SlaTime> {
  const calendar = calendarName ? await readCalendar(db, calendarName) : undefined;
  if (!calendar) return { add: (start, ms) => new Date(start.getTime() + ms), between: (a, b) => Math.max(0, b.getTime() - a.getTime()) };
  return { add: (start, ms) => addWorkingTime(start, ms, calendar), between: (a, b) => workingTimeBetween(a, b, calendar) };
}

function stopsIn(t: Transition, sla: Sla, state: string): boolean {
  return sla.stopIn ? sla.stopIn.includes(state) : isFinal(t.workflow.definition.states[state]);
}

async function record(t: Transition, sla: Sla, action: HistoryInput['action'], comment = sla.name): Promise<void> {
  const { id, state, round } = t.instance;
  await writeWorkflowHistory(t.ctx.db, id, t.ctx.actor.id, { action, from: state, to: state, round, comment });
}

async function writeDue(t: Transition, sla: Sla, due: Date | null): Promise<void> {
  if (sla.dueField) await writeRecordValues(t, { [sla.dueField]: due === null ? null : due.toISOString() });
}

/**
 * Brings the instance's SLAs up to date with the state it has just entered; `submitted` when this step
 * is the record's submission. Runs in the step's transaction with the instance locked.
 */
export async function updateSlas(t: Transition, submitted: boolean): Promise<void> {
  const slas = t.workflow.definition.slas ?? [];
  if (!slas.length) return;
  const db = t.ctx.db;
  const now = clockOf(t.ctx);
  const state = t.instance.state;
  const rows = new Map((await db('workflow_slas').where({ instance_id: t.instance.id }).select('*')).map((r: Record<string, unknown>) => [String(r.sla), toSlaRow(r)]));
  const starting = (sla: Sla) => !rows.has(sla.name) && (sla.startIn ? sla.startIn.includes(state) : submitted) && !stopsIn(t, sla, state);
  // The conditions of the SLAs about to start, tested on the record as it is now, in one statement.
  const conditional = slas.filter((sla) => sla.when !== undefined && starting(sla));
  const { verdicts } = await evaluateConditions(conditional.map((sla) => ({ id: sla.name, filter: sla.when! })), t.object, t.instance.record_id, t.ctx);
  for (const sla of slas) {
    const row = rows.get(sla.name);
    const paused = (sla.pausedIn ?? []).includes(state);
    const stops = stopsIn(t, sla, state);
    if (!row) {
      if (!starting(sla) || (sla.when !== undefined && !verdicts[sla.name])) continue;
      const allowed = durationMs(sla.after) ?? 0;
      const due = paused ? null : (await slaTime(db, sla.calendar)).add(now, allowed);
      await db('workflow_slas').insert({ instance_id: t.instance.id, sla: sla.name, status: paused ? 'paused' : 'running', used_ms: 0, allowed_ms: allowed, running_since: paused ? null : now, due_at: due });
      if (paused) await record(t, sla, 'sla_pause');
      await writeDue(t, sla, due);
      continue;
    }
    if (row.status === 'running' && (paused || stops)) {
      const used = row.used_ms + (await slaTime(db, sla.calendar)).between(row.running_since!, now);
      const late = stops && row.due_at !== null && now.getTime() > row.due_at.getTime();
      const status: SlaStatus = stops ? (late ? 'breached' : 'met') : 'paused';
      await db('workflow_slas').where({ id: row.id }).update({ status, used_ms: used, running_since: null, due_at: stops ? row.due_at : null, ended_at: stops ? now : null });
      await record(t, sla, stops ? (late ? 'sla_breach' : 'sla_met') : 'sla_pause');
      if (!stops) await writeDue(t, sla, null);
    } else if (row.status === 'paused' && stops) {
      // Paused after its due moment but before a sweep saw it: it was late all the same.
      const late = row.used_ms > row.allowed_ms;
      await db('workflow_slas').where({ id: row.id }).update({ status: late ? 'breached' : 'met', ended_at: now });
      await record(t, sla, late ? 'sla_breach' : 'sla_met');
    } else if (row.status === 'paused' && !paused) {
      const due = (await slaTime(db, sla.calendar)).add(now, Math.max(0, row.allowed_ms - row.used_ms));
      await db('workflow_slas').where({ id: row.id }).update({ status: 'running', running_since: now, due_at: due });
      await record(t, sla, 'sla_resume');
      await writeDue(t, sla, due);
    }
  }
}

/** An SLA as the record's workflow view shows it; times in milliseconds of the SLA's own counting (working time on a calendar). */
export interface SlaView {
  name: string;
  label: { en?: string; 'zh-CN'?: string } | null;
  status: SlaStatus;
  calendar: string | null;
  /** When it falls due; null while paused. */
  dueAt: string | null;
  usedMs: number;
  remainingMs: number;
  /** Running and past due, not yet swept. */
  overdue: boolean;
  endedAt: string | null;
}

export async function slaViews(instanceId: string, definitionSlas: readonly Sla[], ctx: Pick<Ctx, 'db' | 'now'>): Promise<SlaView[]> {
  if (!definitionSlas.length) return [];
  const now = clockOf(ctx);
  const rows = new Map((await ctx.db('workflow_slas').where({ instance_id: instanceId }).select('*')).map((r: Record<string, unknown>) => [String(r.sla), toSlaRow(r)]));
  const out: SlaView[] = [];
  for (const sla of definitionSlas) {
    const row = rows.get(sla.name);
    if (!row) continue;
    const running = row.status === 'running' && row.running_since !== null ? (await slaTime(ctx.db, sla.calendar)).between(row.running_since, now) : 0;
    const used = row.used_ms + running;
    out.push({
      name: sla.name, label: sla.label ?? null, status: row.status, calendar: sla.calendar ?? null,
      dueAt: row.due_at?.toISOString() ?? null, usedMs: used, remainingMs: Math.max(0, row.allowed_ms - used),
      overdue: row.status === 'running' && row.due_at !== null && row.due_at.getTime() <= now.getTime(),
      endedAt: row.ended_at?.toISOString() ?? null,
    });
  }
  return out;
}
