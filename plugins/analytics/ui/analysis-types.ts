// The analyses API's answers as the pages read them (docs/analytics.md, "API").
import type { AnalysisDefinition, LocalizedText } from '../generated/analysis.ts';

export type { AnalysisDefinition, LocalizedText };
export type AnalysisKindName = AnalysisDefinition['kind'];
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** GET /api/analyses/:name/runs[/:id] without the result. */
export interface AnalysisRunView {
  id: string;
  analysis: string;
  status: RunStatus;
  progress: number;
  startedBy: string | null;
  scheduled: boolean;
  definitionVersion: number | null;
  modelVersion: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  rows: number | null;
  /** Why a run failed, in the caller's language. */
  error: string | null;
}

/** One entry of GET /api/analyses: an analysis the caller may run, with their last run. */
export interface AnalysisSummary {
  name: string;
  label: LocalizedText | null;
  description: LocalizedText | null;
  kind: AnalysisKindName;
  object: string;
  schedule: string | null;
  version: number;
  lastRun: AnalysisRunView | null;
}

export const isFinished = (run: Pick<AnalysisRunView, 'status'>) => run.status === 'succeeded' || run.status === 'failed';

/** The address of a run's result page. */
export const runPath = (name: string, runId: string) => `/analytics/${name}/runs/${runId}`;
