import type { RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import { textIn } from '../../../../platform/src/plugins/plugin-api.ts';
import type { LocalText } from '../engine/index.ts';

/** A run as the API answers it (without its result). */
export function runView(run: RecordData, lang: 'en' | 'zh-CN') {
  return {
    id: String(run.id),
    analysis: run.analysis,
    status: run.status,
    progress: run.progress ?? 0,
    startedBy: run.started_by == null ? null : String(run.started_by),
    scheduled: run.scheduled === true,
    definitionVersion: run.definition_version ?? null,
    modelVersion: run.model_version ?? null,
    startedAt: run.started_at ?? null,
    finishedAt: run.finished_at ?? null,
    rows: run.rows ?? null,
    error: run.error ? textIn(run.error as LocalText, lang) : null,
  };
}
