import type { ErrorDetail, MetadataView } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import { CLASSIFIER_FEATURE_TYPES, DATE_TYPES, NUMERIC_TYPES, UNGROUPABLE_TYPES } from './field-type-fits.ts';
import { KIND_LABELS, KIND_RULES } from './kind-rules.ts';
import { noField, ownField, pathType, problem, wrongType } from './problems.ts';

const NUMBER = { en: 'a number', 'zh-CN': '数值' };
const DATE = { en: 'a date or datetime', 'zh-CN': '日期或日期时间' };
const LOOKUP = { en: 'a lookup', 'zh-CN': '关联' };
/** Types a classifier learns from: numbers by value, the rest by category. */

/** The source fields exist on the source object with types that fit what the kind does with them. */
export function checkSource(analysis: AnalysisDefinition, meta: MetadataView): ErrorDetail[] {
  const { object } = analysis.source;
  const problems: ErrorDetail[] = [];
  const typed = (key: 'customer' | 'date' | 'amount' | 'item' | 'segment', fits: (type: string) => boolean, wanted: { en: string; 'zh-CN': string }) => {
    const name = analysis.source[key];
    if (name === undefined) return;
    const type = pathType(meta, object, name, `/source/${key}`);
    if (typeof type !== 'string') problems.push(type);
    else if (!fits(type)) problems.push(wrongType(`/source/${key}`, wanted, name, type));
  };
  typed('customer', (t) => t === 'lookup', LOOKUP);
  typed('date', (t) => DATE_TYPES.has(t), DATE);
  typed('amount', (t) => NUMERIC_TYPES.has(t), NUMBER);
  typed('item', (t) => !UNGROUPABLE_TYPES.has(t), { en: 'a groupable (not json, multi-select or long text)', 'zh-CN': '可分组（非 JSON、多选或长文本）' });
  typed('segment', (t) => !UNGROUPABLE_TYPES.has(t), { en: 'a groupable (not json, multi-select or long text)', 'zh-CN': '可分组（非 JSON、多选或长文本）' });
  if (analysis.source.customer && !ownField(meta, object, analysis.source.customer)) {
    problems.push(problem('/source/customer', 'must be a lookup field of the source object itself, not a path', '必须是源对象自身的关联字段，而不是路径'));
  }
  if (analysis.kind === 'association' && analysis.params?.transaction === 'customer_month' && !analysis.source.date) {
    problems.push(problem('/source/date', 'is required for transactions by customer and month', '按客户和月份划分交易时为必填项'));
  }
  return problems;
}

/** Features and target: plain fields of the source object, of types the model can learn from. */
export function checkModel(analysis: AnalysisDefinition, meta: MetadataView): ErrorDetail[] {
  const rules = KIND_RULES[analysis.kind];
  const { object } = analysis.source;
  const problems: ErrorDetail[] = [];
  if (rules.features && !analysis.features) problems.push(problem('/features', `is required for ${KIND_LABELS[analysis.kind].en}`, `${KIND_LABELS[analysis.kind]['zh-CN']}必须填写`));
  (analysis.features ?? []).forEach((name, i) => {
    const field = ownField(meta, object, name);
    const pointer = `/features/${i}`;
    if (!field) problems.push(noField(pointer, object, name));
    else if (analysis.kind === 'kmeans' && !NUMERIC_TYPES.has(field.type)) problems.push(wrongType(pointer, NUMBER, name, field.type));
    else if (analysis.kind === 'classifier' && !CLASSIFIER_FEATURE_TYPES.has(field.type)) {
      problems.push(wrongType(pointer, { en: 'a number, yes/no, option, text or lookup', 'zh-CN': '数值、是/否、选项、文本或关联' }, name, field.type));
    }
    if (name === analysis.target) problems.push(problem(pointer, 'is the target: a model cannot learn from what it predicts', '是预测目标：模型不能用预测目标本身来学习'));
  });
  if (!rules.target) return problems;
  if (!analysis.target) return [...problems, problem('/target', `is required for ${KIND_LABELS[analysis.kind].en}`, `${KIND_LABELS[analysis.kind]['zh-CN']}必须填写`)];
  const target = ownField(meta, object, analysis.target);
  if (!target) return [...problems, noField('/target', object, analysis.target)];
  if (target.type === 'boolean') {
    if (analysis.positive !== undefined && typeof analysis.positive !== 'boolean') problems.push(problem('/positive', 'must be true or false for a yes/no target', '是/否目标的取值必须是 true 或 false'));
  } else if (target.type === 'enum' || target.type === 'text') {
    if (analysis.positive === undefined) problems.push(problem('/positive', `is required: which value of '${target.name}' counts as yes`, `为必填项：“${target.name}”的哪个取值算作“是”`));
    else if (target.type === 'enum') {
      const options = (target.options ?? []).map((o) => (typeof o === 'string' ? o : o.value));
      if (!options.includes(String(analysis.positive))) problems.push(problem('/positive', `must be one of the options of '${target.name}': ${options.join(', ')}`, `必须是“${target.name}”的选项之一：${options.join('、')}`));
    }
  } else {
    problems.push(wrongType('/target', { en: 'a yes/no, option or text', 'zh-CN': '是/否、选项或文本' }, target.name, target.type));
  }
  return problems;
}
