import type { ErrorDetail, MetadataView } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition, WriteBack } from '../../generated/analysis.ts';
import { DEFAULT_RFM_SEGMENTS } from '../engine/index.ts';
import { lookupTarget } from '../analysis-fields.ts';
import { QUADRANTS } from '../kinds/value-matrix.ts';
import { WRITE_BACK_TYPES } from './field-type-fits.ts';
import { KIND_RULES } from './kind-rules.ts';
import { noField, ownField, problem, wrongType, type FieldDefinition } from './problems.ts';

type Fit = { types: ReadonlySet<string>; wanted: { en: string; 'zh-CN': string } };
const fit = (key: keyof WriteBack, en: string, zh: string): Fit => ({ types: WRITE_BACK_TYPES[key], wanted: { en, 'zh-CN': zh } });

const FITS: Readonly<Record<keyof WriteBack, Fit>> = {
  segment: fit('segment', 'an option or text', '选项或文本'),
  scores: fit('scores', 'a text', '文本'),
  quadrant: fit('quadrant', 'an option or text', '选项或文本'),
  flag: fit('flag', 'a yes/no', '是/否'),
  probability: fit('probability', 'a number or percent', '数值或百分比'),
  modelVersion: fit('modelVersion', 'a whole number, number or text', '整数、数值或文本'),
  rule: fit('rule', 'a text', '文本'),
  cluster: fit('cluster', 'a whole number, number or text', '整数、数值或文本'),
};

/** The option values an enum field must offer for what the analysis writes to it. */
function valuesWritten(analysis: AnalysisDefinition, key: keyof WriteBack): string[] {
  if (key === 'segment') return (analysis.params?.segments ?? DEFAULT_RFM_SEGMENTS).segments.map((s) => s.key);
  if (key === 'quadrant') return Object.keys(QUADRANTS);
  return [];
}

/** The records results are written to: the customers of per-customer kinds, else the source records. */
export function writeBackObject(analysis: AnalysisDefinition, meta: MetadataView): string | undefined {
  if (analysis.kind === 'rfm' || analysis.kind === 'churn_warning') return lookupTarget(meta, analysis.source.object, analysis.source.customer ?? '');
  return analysis.source.object;
}

/** Write-back fields (of those the kind takes) are plain fields of the written object, of types that hold the result. */
export function checkWriteBack(analysis: AnalysisDefinition, meta: MetadataView): ErrorDetail[] {
  const object = writeBackObject(analysis, meta);
  if (!analysis.writeBack || !object) return [];
  const problems: ErrorDetail[] = [];
  const used = new Map<string, string>();
  const applying = KIND_RULES[analysis.kind].writeBack;
  for (const [key, name] of Object.entries(analysis.writeBack) as [keyof WriteBack, string][]) {
    if (!applying.includes(key)) continue;
    const pointer = `/writeBack/${key}`;
    const field: FieldDefinition | undefined = ownField(meta, object, name);
    if (!field) {
      problems.push(noField(pointer, object, name));
      continue;
    }
    if (used.has(name)) problems.push(problem(pointer, `'${name}' already gets ${used.get(name)}`, `“${name}”已用于写回 ${used.get(name)}`));
    used.set(name, key);
    const { types, wanted } = FITS[key];
    if (!types.has(field.type)) {
      problems.push(wrongType(pointer, wanted, name, field.type));
      continue;
    }
    if (field.type === 'enum') {
      const options = new Set((field.options ?? []).map((o) => (typeof o === 'string' ? o : o.value)));
      const missing = valuesWritten(analysis, key).filter((value) => !options.has(value));
      if (missing.length) problems.push(problem(pointer, `'${name}' lacks the options ${missing.join(', ')}`, `“${name}”缺少选项 ${missing.join('、')}`));
    }
    if (key === 'probability' && field.max !== undefined && Number(field.max) < 1) {
      problems.push(problem(pointer, `'${name}' must allow values up to 1`, `“${name}”必须允许最大为 1 的值`));
    }
  }
  return problems;
}
