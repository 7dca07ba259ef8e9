import type { Category, FeatureEncoding } from './feature-encoding.ts';
import type { Lang, LocalText } from './local-text.ts';
import type { RuleCondition, TreeRule } from './tree-rules.ts';

/**
 * A rule as a sentence: `IF age < 26 AND wap = yes AND 1800 ≤ device_price < 2800 THEN churn, p = 0.83`,
 * `如果 年龄 < 26 且 WAP = 是 且 1800 ≤ 手机价格 < 2800 那么 流失，p = 0.83`. A range reads `min ≤ x < max`,
 * exactly as the tree decides; p is always the probability of the positive outcome.
 */
export interface RuleWording {
  /** Feature labels by feature name; the encoding's label, then the name, otherwise. */
  labels?: Readonly<Record<string, LocalText>>;
  /** Option labels by feature name, then stored value (`cold` → Cold / 冷); a value without one reads as stored. */
  optionLabels?: Readonly<Record<string, Readonly<Record<string, LocalText>>>>;
  outcome: { positive: LocalText; negative: LocalText };
  /** The leaf's outcome is positive from this probability on (default 0.5). */
  threshold?: number;
}

const WORDS = {
  en: { if: 'IF', and: ' AND ', then: 'THEN', always: 'IF any record', or: ' OR ', isMissing: 'is missing', in: 'in', notIn: 'not in', listSeparator: ', ', comma: ', ', open: '(', close: ')' },
  'zh-CN': { if: '如果', and: ' 且 ', then: '那么', always: '如果 任意记录', or: ' 或 ', isMissing: '缺失', in: '属于', notIn: '不属于', listSeparator: '、', comma: '，', open: '（', close: '）' },
} as const;

const CATEGORY_WORDS: Record<'yes' | 'no' | 'missing' | 'other', LocalText> = {
  yes: { en: 'yes', 'zh-CN': '是' },
  no: { en: 'no', 'zh-CN': '否' },
  missing: { en: '(missing)', 'zh-CN': '（缺失）' },
  other: { en: '(other)', 'zh-CN': '（其他）' },
};

/** A number as the rule uses it: without the float noise of its last digits. */
export const formatNumber = (value: number) => String(Number(value.toPrecision(12)));

/** A category in words: yes / no, (missing), (other), or the value's option label in `lang` when it has one. */
export function categoryText(category: Category, lang: Lang, optionLabels?: Readonly<Record<string, LocalText>>): string {
  if (category === null) return CATEGORY_WORDS.missing[lang];
  if (typeof category === 'boolean') return CATEGORY_WORDS[category ? 'yes' : 'no'][lang];
  if (typeof category === 'object') return CATEGORY_WORDS.other[lang];
  return (Object.hasOwn(optionLabels ?? {}, category) ? optionLabels![category][lang] : undefined) ?? category;
}

function conditionText(condition: RuleCondition, encoding: FeatureEncoding, label: string, lang: Lang, optionLabels?: Readonly<Record<string, LocalText>>): string {
  const words = WORDS[lang];
  switch (condition.kind) {
    case 'missing':
      return `${label} ${words.isMissing}`;
    case 'range': {
      const { min, max } = condition;
      const range = min !== undefined && max !== undefined
        ? `${formatNumber(min)} ≤ ${label} < ${formatNumber(max)}`
        : min !== undefined ? `${label} ≥ ${formatNumber(min)}` : `${label} < ${formatNumber(max!)}`;
      // Missing values are worth a mention only when training had some (otherwise the split never saw one).
      const withMissing = condition.missing && encoding.kind === 'numeric' && encoding.hadMissing;
      return withMissing ? `${words.open}${range}${words.or}${label} ${words.isMissing}${words.close}` : range;
    }
    case 'categories': {
      if (encoding.kind === 'numeric') throw new Error(`feature '${encoding.name}' is numeric, not categorical`);
      const allowed = new Set(condition.allowed);
      const text = (codes: number[]) => codes.map((code) => categoryText(encoding.categories[code], lang, optionLabels));
      const inside = encoding.categories.map((_, code) => code).filter((code) => allowed.has(code));
      const outside = encoding.categories.map((_, code) => code).filter((code) => !allowed.has(code));
      if (!condition.unseen && inside.length === 1) return `${label} = ${text(inside)[0]}`;
      if (outside.length === 1) return `${label} ≠ ${text(outside)[0]}`;
      if (!condition.unseen && inside.length <= outside.length) return `${label} ${words.in} {${text(inside).join(words.listSeparator)}}`;
      return `${label} ${words.notIn} {${text(outside).join(words.listSeparator)}}`;
    }
    default: {
      const unknown: never = condition;
      throw new Error(`unknown condition ${JSON.stringify(unknown)}`);
    }
  }
}

export function ruleText(rule: TreeRule, encodings: readonly FeatureEncoding[], wording: RuleWording, lang: Lang): string {
  const words = WORDS[lang];
  const labelOf = (encoding: FeatureEncoding) => (wording.labels?.[encoding.name] ?? encoding.label)?.[lang] ?? encoding.name;
  const conditions = rule.conditions.map((c) => {
    const encoding = encodings[c.feature];
    return conditionText(c, encoding, labelOf(encoding), lang, wording.optionLabels?.[encoding.name]);
  });
  const premise = conditions.length ? `${words.if} ${conditions.join(words.and)}` : words.always;
  const outcome = rule.probability >= (wording.threshold ?? 0.5) ? wording.outcome.positive : wording.outcome.negative;
  return `${premise} ${words.then} ${outcome[lang]}${words.comma}p = ${rule.probability.toFixed(2)}`;
}

/** The rule in both languages. */
export function ruleTexts(rule: TreeRule, encodings: readonly FeatureEncoding[], wording: RuleWording): LocalText {
  return { en: ruleText(rule, encodings, wording, 'en'), 'zh-CN': ruleText(rule, encodings, wording, 'zh-CN') };
}
