import type { HookContext } from '../../../platform/src/plugins/plugin-api.ts';

/** The win probability of each step of the 8-step sales process (R11). */
export const STAGE_PROBABILITY: Readonly<Record<string, number>> = {
  find_prospect: 0.05,
  visit: 0.1,
  build_trust: 0.2,
  uncover_needs: 0.3,
  research_solution: 0.45,
  propose: 0.6,
  sign: 1,
  satisfaction: 1,
  lost: 0,
};

/** Stages in which an opportunity counts as won. */
export const WON_STAGES = ['sign', 'satisfaction'] as const;

/**
 * Before an opportunity is written: a new stage brings its probability (unless the writer sets one)
 * and a won stage its close date.
 */
export function applyStageDefaults({ values, record }: HookContext): void {
  if (!values || typeof values.stage !== 'string' || values.stage === record?.stage) return;
  if (values.probability === undefined && values.stage in STAGE_PROBABILITY) values.probability = STAGE_PROBABILITY[values.stage];
  if ((WON_STAGES as readonly string[]).includes(values.stage) && values.closed_on === undefined && !record?.closed_on) {
    values.closed_on = new Date().toISOString().slice(0, 10);
  }
}
