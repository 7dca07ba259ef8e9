import type { PluginLogger, RecordData, RecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { updateRun } from './run-store.ts';

/** How often a running job shows a sign of life on its run record. */
export const HEARTBEAT_MS = 20_000;

/**
 * The writes a running job makes to its run record (progress, signs of life), one at a time so
 * that each reads the version the previous one left. `stop` waits for the last of them: the run's
 * final write must not race one.
 */
export function runRecorder(system: RecordService, runId: string, log: PluginLogger) {
  let chain: Promise<unknown> = Promise.resolve();
  let shown = 0;
  let shownAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const write = (values: RecordData) => {
    chain = chain.then(() => updateRun(system, runId, { ...values, heartbeat_at: new Date().toISOString() })).catch((err: unknown) => log.warn({ err, runId }, 'analysis run record not updated'));
    return chain;
  };
  return {
    write,
    /** Progress in percent; written when it moved by 5 points, or after a second. */
    progress(percent: number): Promise<unknown> {
      const value = Math.min(99, Math.floor(percent));
      if (value <= shown || (value - shown < 5 && Date.now() - shownAt < 1000)) return chain;
      shown = value;
      shownAt = Date.now();
      return write({ progress: value });
    },
    beat() {
      timer = setInterval(() => void write({}), HEARTBEAT_MS);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await chain;
    },
  };
}
