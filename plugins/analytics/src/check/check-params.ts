import type { ErrorDetail, MetadataView } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition, ValueMeasure } from '../../generated/analysis.ts';
import { DEFAULT_RFM_SEGMENTS, unnamedRfmScores } from '../engine/index.ts';
import { lookupTarget } from '../analysis-fields.ts';
import { DATE_TYPES, NUMERIC_TYPES } from './field-type-fits.ts';
import { KIND_LABELS, KIND_RULES } from './kind-rules.ts';
import { noField, ownField, pathType, problem, wrongType } from './problems.ts';

const NUMBER = { en: 'a number', 'zh-CN': '数值' };

/** Properties of the definition that the kind does not take. */
export function checkApplicable(analysis: AnalysisDefinition): ErrorDetail[] {
  const rules = KIND_RULES[analysis.kind];
  const kind = KIND_LABELS[analysis.kind];
  const notFor = (pointer: string) => problem(pointer, `does not apply to ${kind.en}`, `不适用于${kind['zh-CN']}`);
  const problems: ErrorDetail[] = [];
  for (const key of Object.keys(analysis.source)) {
    if (key !== 'object' && !rules.needs.includes(key as never) && !rules.may.includes(key as never)) problems.push(notFor(`/source/${key}`));
  }
  for (const key of rules.needs) {
    if (analysis.source[key] === undefined) problems.push(problem(`/source/${key}`, `is required for ${kind.en}`, `${kind['zh-CN']}必须填写`));
  }
  for (const key of Object.keys(analysis.params ?? {})) if (!rules.params.includes(key as never)) problems.push(notFor(`/params/${key}`));
  for (const key of Object.keys(analysis.writeBack ?? {})) if (!rules.writeBack.includes(key as never)) problems.push(notFor(`/writeBack/${key}`));
  if (!rules.features && analysis.features) problems.push(notFor('/features'));
  if (!rules.target && analysis.target) problems.push(notFor('/target'));
  if (!rules.target && analysis.positive !== undefined) problems.push(notFor('/positive'));
  return problems;
}

/** A value measure: a number field of the customer, or an aggregate of records that look up the customer. */
function checkMeasure(measure: ValueMeasure | undefined, pointer: string, customerObject: string, meta: MetadataView): ErrorDetail[] {
  if (!measure) return [problem(pointer, 'is required for a value matrix', '价值矩阵必须填写')];
  if (!measure.object) {
    if (!measure.field) return [problem(`${pointer}/field`, 'is required: a number field of the customer, or name an object to aggregate', '为必填项：客户的数值字段，或指定要汇总的对象')];
    const stray = (['customer', 'fn', 'filter', 'date', 'months'] as const).filter((k) => measure[k] !== undefined);
    if (stray.length) return stray.map((k) => problem(`${pointer}/${k}`, 'applies only to an aggregate of another object', '仅适用于对其他对象的汇总'));
    const field = ownField(meta, customerObject, measure.field);
    if (!field) return [noField(`${pointer}/field`, customerObject, measure.field)];
    return NUMERIC_TYPES.has(field.type) ? [] : [wrongType(`${pointer}/field`, NUMBER, field.name, field.type)];
  }
  if (!meta.object(measure.object)) return [problem(`${pointer}/object`, `there is no object named '${measure.object}'`, `没有名为“${measure.object}”的对象`)];
  const problems: ErrorDetail[] = [];
  if (!measure.customer) problems.push(problem(`${pointer}/customer`, `is required: the lookup from '${measure.object}' to the customer`, `为必填项：从“${measure.object}”到客户的关联`));
  else if (lookupTarget(meta, measure.object, measure.customer) !== customerObject) {
    problems.push(problem(`${pointer}/customer`, `must be a lookup field of '${measure.object}' to '${customerObject}'`, `必须是“${measure.object}”指向“${customerObject}”的关联字段`));
  }
  const fn = measure.fn ?? 'sum';
  if (fn !== 'count') {
    if (!measure.field) problems.push(problem(`${pointer}/field`, `${fn} needs a number field`, `${fn} 需要数值字段`));
    else {
      const type = pathType(meta, measure.object, measure.field, `${pointer}/field`);
      if (typeof type !== 'string') problems.push(type);
      else if (!NUMERIC_TYPES.has(type)) problems.push(wrongType(`${pointer}/field`, NUMBER, measure.field, type));
    }
  }
  if (measure.months !== undefined && !measure.date) problems.push(problem(`${pointer}/date`, 'is required with months: the date the window is measured on', '使用 months 时为必填项：时间窗口所依据的日期'));
  if (measure.date) {
    const type = pathType(meta, measure.object, measure.date, `${pointer}/date`);
    if (typeof type !== 'string') problems.push(type);
    else if (!DATE_TYPES.has(type)) problems.push(wrongType(`${pointer}/date`, { en: 'a date or datetime', 'zh-CN': '日期或日期时间' }, measure.date, type));
  }
  return problems;
}

/** The task a churn warning creates: an object with a user lookup, a lookup to the customer and a text subject. */
function checkTask(analysis: AnalysisDefinition, meta: MetadataView): ErrorDetail[] {
  const task = analysis.params?.task;
  if (!task) return [];
  if (!meta.object(task.object)) return [problem('/params/task/object', `there is no object named '${task.object}'`, `没有名为“${task.object}”的对象`)];
  const customerObject = lookupTarget(meta, analysis.source.object, analysis.source.customer ?? '');
  const problems: ErrorDetail[] = [];
  const expect = (key: 'assignee' | 'about' | 'subject' | 'due', fits: (field: NonNullable<ReturnType<typeof ownField>>) => boolean, wanted: { en: string; 'zh-CN': string }) => {
    const name = task[key];
    if (name === undefined) return;
    const field = ownField(meta, task.object, name);
    if (!field) problems.push(noField(`/params/task/${key}`, task.object, name));
    else if (!fits(field)) problems.push(wrongType(`/params/task/${key}`, wanted, name, field.type));
  };
  expect('assignee', (f) => f.type === 'lookup' && f.target === 'user', { en: 'a lookup to users', 'zh-CN': '指向用户的关联' });
  expect('about', (f) => f.type === 'lookup' && (customerObject === undefined || f.target === customerObject), { en: `a lookup to ${customerObject ?? 'the customer'}`, 'zh-CN': `指向${customerObject ?? '客户'}的关联` });
  expect('subject', (f) => f.type === 'text' || f.type === 'textarea', { en: 'a text', 'zh-CN': '文本' });
  expect('due', (f) => f.type === 'date', { en: 'a date', 'zh-CN': '日期' });
  if (task.dueDays !== undefined && !task.due) problems.push(problem('/params/task/dueDays', 'needs due: the date field it sets', '需要 due：它所设置的日期字段'));
  return problems;
}

/** Parameters beyond their JSON Schema ranges: ranges that relate, segment tables, measures and tasks. */
export function checkParams(analysis: AnalysisDefinition, meta: MetadataView): ErrorDetail[] {
  const params = analysis.params ?? {};
  const problems: ErrorDetail[] = [];
  if (analysis.kind === 'value_matrix') {
    problems.push(...checkMeasure(params.current, '/params/current', analysis.source.object, meta), ...checkMeasure(params.potential, '/params/potential', analysis.source.object, meta));
  }
  if (analysis.kind === 'churn_warning') problems.push(...checkTask(analysis, meta));
  if (analysis.kind === 'kmeans') {
    if (params.k === undefined && params.kRange === undefined) problems.push(problem('/params/k', 'is required (or kRange): how many clusters', '为必填项（或 kRange）：聚成几类'));
    if (params.k !== undefined && params.kRange !== undefined) problems.push(problem('/params/kRange', 'give either k or kRange, not both', 'k 与 kRange 只能给出其一'));
    if (params.kRange && params.kRange[0] > params.kRange[1]) problems.push(problem('/params/kRange', 'must run from the smaller to the larger k', '必须从较小的 k 到较大的 k'));
  }
  if (analysis.kind === 'rfm' && (params.segments || (params.bins ?? 5) !== DEFAULT_RFM_SEGMENTS.scale)) {
    const table = params.segments ?? DEFAULT_RFM_SEGMENTS;
    const pointer = params.segments ? '/params/segments' : '/params/bins';
    const keys = new Set<string>();
    table.segments.forEach((segment, i) => {
      if (keys.has(segment.key)) problems.push(problem(`/params/segments/segments/${i}/key`, `the segment '${segment.key}' is named twice`, `细分“${segment.key}”重复出现`));
      keys.add(segment.key);
      for (const score of ['r', 'f', 'm'] as const) {
        const bounds = segment[score];
        if (bounds && (bounds.min > bounds.max || bounds.max > table.scale)) {
          problems.push(problem(`/params/segments/segments/${i}/${score}`, `must have min ≤ max ≤ ${table.scale} (the table's scale)`, `必须满足 min ≤ max ≤ ${table.scale}（细分表的刻度）`));
        }
      }
    });
    const unnamed = unnamedRfmScores(params.bins ?? 5, table);
    if (unnamed.length) {
      const some = unnamed.slice(0, 5).map((s) => `${s.r}${s.f}${s.m}`).join(', ');
      problems.push(problem(pointer, `${unnamed.length} combinations of R, F and M scores fall in no segment (e.g. ${some}): add segments or widen their bounds`, `有 ${unnamed.length} 种 R、F、M 评分组合不属于任何细分（例如 ${some}）：请增加细分或放宽其范围`));
    }
  }
  return problems;
}
