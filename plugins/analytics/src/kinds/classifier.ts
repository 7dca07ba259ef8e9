import type { MetadataView, RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import type { FeatureKind, FeatureSpec, LocalText, RuleWording } from '../engine/index.ts';
import { readableTitle, rounded } from '../analysis-fields.ts';
import { NUMERIC_TYPES } from '../check/field-type-fits.ts';
import { trackRecord } from '../predictions/track-record.ts';
import { everyRow } from '../read/every-row.ts';
import { runTraining } from '../training/training-pool.ts';
import type { ClassifierModel } from '../training/train-classifier.ts';
import type { AnalysisKind, Prediction, RecordResult } from './analysis-kind.ts';
import { mapInTurns } from './map-in-turns.ts';

type FieldDefinition = NonNullable<ReturnType<MetadataView['object']>>['fields'][number];

const labelOf = (field: FieldDefinition): LocalText => ({ en: field.label?.en ?? field.name, 'zh-CN': field.label?.['zh-CN'] ?? field.label?.en ?? field.name });
const fieldsOf = (definition: AnalysisDefinition, meta: MetadataView) => new Map((meta.object(definition.source.object)?.fields ?? []).map((f) => [f.name, f]));

/** A field's option labels by stored value, in both languages (the English one, then the value, where one is missing). */
function optionLabelsOf(field: FieldDefinition): Record<string, LocalText> {
  const labels: Record<string, LocalText> = {};
  for (const option of field.options ?? []) {
    if (typeof option === 'string' || !option.label) continue;
    labels[option.value] = { en: option.label.en ?? option.value, 'zh-CN': option.label['zh-CN'] ?? option.label.en ?? option.value };
  }
  return labels;
}

const featureKind = (type: string): FeatureKind => (NUMERIC_TYPES.has(type) ? 'numeric' : type === 'boolean' ? 'boolean' : 'categorical');

/** 1 when the target holds the positive value, 0 when it holds another, null when it is empty. */
function outcomeOf(value: unknown, positive: unknown): 0 | 1 | null {
  if (value === null || value === undefined || value === '') return null;
  return value === positive ? 1 : 0;
}

/** "Lifecycle = Lost" / "not Churned": what the rules conclude, in the target field's words. */
function outcomeWording(target: FieldDefinition, positive: unknown): RuleWording['outcome'] {
  const label = labelOf(target);
  if (target.type === 'boolean') {
    if (positive === true) return { positive: label, negative: { en: `not ${label.en}`, 'zh-CN': `非${label['zh-CN']}` } };
    return { positive: { en: `not ${label.en}`, 'zh-CN': `非${label['zh-CN']}` }, negative: label };
  }
  const value = optionLabelsOf(target)[String(positive)] ?? { en: String(positive), 'zh-CN': String(positive) };
  return { positive: { en: `${label.en} = ${value.en}`, 'zh-CN': `${label['zh-CN']} = ${value['zh-CN']}` }, negative: { en: `${label.en} ≠ ${value.en}`, 'zh-CN': `${label['zh-CN']} ≠ ${value['zh-CN']}` } };
}

/** The rule written to a record's field: English, then Chinese, cut to what the field holds. */
const ruleValue = (text: LocalText, maxLength: number) => `${text.en}\n${text['zh-CN']}`.slice(0, maxLength);

/**
 * A classifier (R22, R23): a decision tree or random forest learns a yes/no field from the records
 * with a known outcome (a stratified share held out to measure it), in a worker thread; every
 * record in scope is scored, with the rule that explains its probability.
 */
export const classifier: AnalysisKind = {
  async probe(definition, caller) {
    const { object, filter } = definition.source;
    await caller.records.list(object, { ...(filter ? { filter } : {}), fields: [...definition.features!, definition.target!], limit: 1 });
  },

  async compute({ definition, caller, meta, progress, earlierPredictions }) {
    const { object, filter } = definition.source;
    const fields = fieldsOf(definition, meta);
    const target = fields.get(definition.target!)!;
    const positive = definition.positive ?? true;
    const params = definition.params ?? {};
    const threshold = params.threshold ?? 0.5;
    const title = await readableTitle(caller, meta, object);
    const rows = await everyRow(caller.heavyReads, object, { filter, fields: [...new Set([...definition.features!, definition.target!, ...(title ? [title] : [])])] }, (share) => progress(share * 0.4));
    const outcomes = rows.map((row) => outcomeOf(row[definition.target!], positive));
    const features: FeatureSpec[] = definition.features!.map((name) => ({ name, kind: featureKind(fields.get(name)!.type), label: labelOf(fields.get(name)!) }));

    const columns: unknown[][] = [];
    for (const name of definition.features!) columns.push(await mapInTurns(rows, (row) => row[name]));
    const trained = await runTraining({
      kind: 'classifier',
      columns,
      outcomes,
      features,
      params: {
        algorithm: params.algorithm ?? 'tree', maxDepth: params.maxDepth ?? 5, minLeaf: params.minLeaf ?? 5, testShare: params.testShare ?? 0.3,
        seed: params.seed ?? 1, threshold, trees: params.trees ?? 50, ...(params.maxBins ? { maxBins: params.maxBins } : {}),
      },
      wording: {
        outcome: outcomeWording(target, positive),
        optionLabels: Object.fromEntries(definition.features!.map((name) => [name, optionLabelsOf(fields.get(name)!)])),
      },
    }, (share) => void progress(0.4 + share * 0.5));
    if ('problem' in trained) throw pluginError('BAD_REQUEST', trained.problem);
    const model = trained as ClassifierModel;

    const records: RecordResult[] = await mapInTurns(rows, (row, i) => ({
      id: String(row.id), title: title && row[title] != null ? String(row[title]) : null,
      group: model.probabilities[i] >= threshold ? 'yes' : 'no', probability: rounded(model.probabilities[i]), outcome: outcomes[i], rule: model.ruleOfRow[i],
    }));
    const predictions: Prediction[] = records.map((r) => [r.id, r.probability as number, r.outcome as 0 | 1 | null]);
    const outcomeNow = new Map(records.map((r) => [r.id, r.outcome as 0 | 1 | null]));

    const writeBack = definition.writeBack ?? {};
    const ruleField = writeBack.rule ? fields.get(writeBack.rule) : undefined;
    const ruleLength = ruleField?.maxLength ?? (ruleField?.type === 'text' ? 200 : 4000);
    const values = new Map<string, RecordData>(await mapInTurns(records, (r): [string, RecordData] => [r.id, {
      ...(writeBack.probability ? { [writeBack.probability]: r.probability } : {}),
      ...(writeBack.rule ? { [writeBack.rule]: ruleValue(model.recordRules[r.rule as number], ruleLength) } : {}),
    }]));

    return {
      rows: rows.length,
      summary: {
        algorithm: params.algorithm ?? 'tree', target: definition.target, positive, threshold,
        scored: rows.length, labelled: outcomes.filter((o) => o !== null).length, trainingRows: model.trainingRows, testRows: model.testRows,
        metrics: model.metrics, confusionMatrix: model.confusionMatrix, auc: model.auc, roc: model.roc,
        importance: features.map((f, i) => ({ feature: f.name, label: f.label, share: rounded(model.importance[i]) })).sort((a, b) => b.share - a.share),
        rules: model.rules.length, predictedYes: records.filter((r) => r.group === 'yes').length,
        trackRecord: trackRecord(await earlierPredictions(), outcomeNow),
      },
      lists: { records, rules: model.rules, recordRules: model.recordRules },
      ...(definition.writeBack ? { writeBack: { object, values } } : {}),
      model: { ...(writeBack.modelVersion ? { versionField: writeBack.modelVersion } : {}), predictions },
    };
  },
};
