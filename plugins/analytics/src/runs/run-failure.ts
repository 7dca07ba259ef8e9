import type { RecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { textIn } from '../../../../platform/src/plugins/plugin-api.ts';
import type { LocalText } from '../engine/index.ts';
import { updateRun } from './run-store.ts';

/** Why a run failed, in both languages: the error's own message when it is one meant for people. */
export function failureText(err: unknown): LocalText {
  if (err instanceof Error && err.name === 'AppError') return { en: textIn(err, 'en'), 'zh-CN': textIn(err, 'zh-CN') };
  return { en: 'The run failed unexpectedly; the server log has the details.', 'zh-CN': '运行意外失败；详情见服务器日志。' };
}

/** Marks a run failed; what earlier runs stored and wrote back stays as it was. */
export async function failRun(system: RecordService, runId: string, reason: LocalText): Promise<void> {
  await updateRun(system, runId, { status: 'failed', finished_at: new Date().toISOString(), error: reason });
}
