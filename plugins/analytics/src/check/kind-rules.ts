import type { AnalysisDefinition, Params, Source, WriteBack } from '../../generated/analysis.ts';

export type AnalysisKindName = AnalysisDefinition['kind'];

/** What each kind of analysis takes: the other properties of a definition do not apply to it. */
export interface KindRule {
  /** Source properties it needs besides `object` (association by month also needs `date`). */
  needs: (keyof Source)[];
  /** Source properties it may take besides those. */
  may: (keyof Source)[];
  params: (keyof Params)[];
  writeBack: (keyof WriteBack)[];
  features: boolean;
  target: boolean;
}

const rule = (needs: KindRule['needs'], may: KindRule['may'], params: KindRule['params'], writeBack: KindRule['writeBack'], model: { features?: boolean; target?: boolean } = {}): KindRule => ({
  needs, may, params, writeBack, features: model.features ?? false, target: model.target ?? false,
});

export const KIND_RULES: Readonly<Record<AnalysisKindName, KindRule>> = {
  rfm: rule(['customer', 'date', 'amount'], ['filter'], ['asOf', 'bins', 'segments'], ['segment', 'scores']),
  value_matrix: rule([], ['filter'], ['asOf', 'current', 'potential', 'split'], ['quadrant']),
  churn_warning: rule(['customer', 'date', 'amount'], ['filter'], ['asOf', 'recentMonths', 'baselineMonths', 'dropPercent', 'minBaselineOrders', 'task', 'notify'], ['flag']),
  classifier: rule([], ['filter'], ['algorithm', 'maxDepth', 'minLeaf', 'testShare', 'seed', 'threshold', 'trees', 'maxBins'], ['probability', 'modelVersion', 'rule'], { features: true, target: true }),
  kmeans: rule([], ['filter'], ['k', 'kRange', 'seed', 'silhouetteSample', 'maxIterations'], ['cluster'], { features: true }),
  association: rule(['customer', 'item'], ['filter', 'date'], ['transaction', 'minSupport', 'minConfidence', 'maxLength'], []),
  seasonality: rule(['date'], ['filter', 'amount', 'segment'], ['periods'], []),
};

/** The analyses' kinds in both languages, for messages. */
export const KIND_LABELS: Readonly<Record<AnalysisKindName, { en: string; 'zh-CN': string }>> = {
  rfm: { en: 'an RFM analysis', 'zh-CN': 'RFM 分析' },
  value_matrix: { en: 'a value matrix', 'zh-CN': '价值矩阵' },
  churn_warning: { en: 'a churn warning', 'zh-CN': '流失预警' },
  classifier: { en: 'a classifier', 'zh-CN': '分类器' },
  kmeans: { en: 'a k-means clustering', 'zh-CN': 'k 均值聚类' },
  association: { en: 'an association analysis', 'zh-CN': '关联分析' },
  seasonality: { en: 'a seasonality analysis', 'zh-CN': '季节性分析' },
};
