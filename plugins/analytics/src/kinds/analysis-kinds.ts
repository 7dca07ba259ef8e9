import type { AnalysisDefinition } from '../../generated/analysis.ts';
import type { AnalysisKind } from './analysis-kind.ts';
import { association } from './association.ts';
import { churnWarning } from './churn-warning.ts';
import { classifier } from './classifier.ts';
import { kmeans } from './kmeans.ts';
import { rfm } from './rfm.ts';
import { seasonality } from './seasonality.ts';
import { valueMatrix } from './value-matrix.ts';

/** What runs each kind of analysis. */
export const ANALYSIS_KINDS: Readonly<Record<AnalysisDefinition['kind'], AnalysisKind>> = {
  rfm,
  value_matrix: valueMatrix,
  churn_warning: churnWarning,
  classifier,
  kmeans,
  association,
  seasonality,
};
