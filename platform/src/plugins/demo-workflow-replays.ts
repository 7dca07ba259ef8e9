import type { Ctx } from '../core/ctx.ts';
import { AppError } from '../core/errors.ts';
import { replayMarks, replayWorkflow, type WorkflowReplay } from '../workflow/replay-workflow.ts';

type Item = Record<string, unknown>;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A demo record's `$workflow: {name, at, events?: [{event, at, comment?}]}`; each `at` is an ISO
 * date-time with its zone, or the name of a field of the record that holds one (`"opened_at"`).
 */
export function readDemoReplay(spec: unknown, values: Item, fail: (problem: string) => Error): WorkflowReplay {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw fail('$workflow must be an object {name, at, events?}');
  const { name, at, events = [], ...rest } = spec as Item;
  if (Object.keys(rest).length) throw fail(`$workflow has no '${Object.keys(rest)[0]}'`);
  if (typeof name !== 'string' || !name) throw fail('$workflow.name must name a workflow');
  if (!Array.isArray(events)) throw fail('$workflow.events must be a list');
  const moment = (value: unknown, where: string): Date => {
    const text = typeof value === 'string' && !ISO_DATETIME.test(value) && value in values ? values[value] : value;
    if (typeof text !== 'string' || !ISO_DATETIME.test(text) || Number.isNaN(Date.parse(text))) {
      throw fail(`${where} must be an ISO date-time with its zone or the name of a field holding one`);
    }
    return new Date(text);
  };
  return {
    workflow: name,
    startedAt: moment(at, '$workflow.at'),
    events: events.map((e: unknown, i: number) => {
      const { event, at: eventAt, comment } = (typeof e === 'object' && e !== null ? e : {}) as Item;
      if (typeof event !== 'string' || !event) throw fail(`$workflow.events[${i}].event must name an event`);
      if (comment !== undefined && typeof comment !== 'string') throw fail(`$workflow.events[${i}].comment must be text`);
      return { event, at: moment(eventAt, `$workflow.events[${i}].at`), comment: comment ?? null };
    }),
  };
}

/**
 * Puts the records of a run that carry a `$workflow` under their workflow, in the run's order.
 */
export async function replayDemoWorkflows(object: string, run: readonly { index: number; workflow?: WorkflowReplay }[], ids: readonly string[], fail: (index: number, problem: string) => Error, system: Ctx): Promise<void> {
  if (!run.some((p) => p.workflow)) return;
  const marks = await replayMarks(system.db);
  for (const [i, p] of run.entries()) {
    if (!p.workflow) continue;
    try {
      await replayWorkflow(object, ids[i], p.workflow, marks, system);
    } catch (error) {
      if (error instanceof AppError) throw fail(p.index, `$workflow: ${error.message}`);
      throw error;
    }
  }
}
