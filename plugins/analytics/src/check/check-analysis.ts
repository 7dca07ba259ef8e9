import type { ErrorDetail, MetadataView } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import { cronProblem } from '../schedule/cron-schedule.ts';
import { checkApplicable, checkParams } from './check-params.ts';
import { checkModel, checkSource } from './check-source.ts';
import { checkWriteBack } from './check-write-back.ts';
import { problem } from './problems.ts';

/**
 * Checks an analysis beyond its JSON Schema, against the objects: the kind gets the properties it
 * needs and no others; the objects and fields exist with types that fit (dates, numeric measures,
 * lookups to the customer, features a model can learn from, write-back fields that hold the
 * result); related parameters agree; the schedule is a valid cron expression.
 */
export function checkAnalysis(definition: Record<string, unknown>, meta: MetadataView): ErrorDetail[] {
  const analysis = definition as unknown as AnalysisDefinition;
  const problems = checkApplicable(analysis);
  if (analysis.schedule !== undefined) {
    const invalid = cronProblem(analysis.schedule);
    if (invalid) problems.push(problem('/schedule', `is not a cron expression of five fields (minute hour day month weekday): check the ${invalid}`, `不是由五个字段（分 时 日 月 星期）组成的 cron 表达式：请检查 ${invalid}`));
  }
  if (!meta.object(analysis.source.object)) {
    return [...problems, problem('/source/object', `there is no object named '${analysis.source.object}'`, `没有名为“${analysis.source.object}”的对象`)];
  }
  return [...problems, ...checkSource(analysis, meta), ...checkModel(analysis, meta), ...checkParams(analysis, meta), ...checkWriteBack(analysis, meta)];
}
