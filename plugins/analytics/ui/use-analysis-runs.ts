import { onBeforeUnmount, ref } from 'vue';
import { api, errorText, type ErrorText } from '@tessera/ui';
import { isFinished, type AnalysisRunView } from './analysis-types.ts';

const POLL_MS = 1000;

/**
 * Starts runs of analyses (POST /api/analyses/:name/run, answered 202 with the run's id) and follows
 * each one (GET …/runs/:id about every second) until it has succeeded or failed; following stops when
 * the page is left. `runs` and `problems` are by analysis name, so a list can run several at once.
 */
export function useAnalysisRuns(finished?: (name: string, run: AnalysisRunView) => void) {
  const runs = ref<Record<string, AnalysisRunView>>({});
  const problems = ref<Record<string, ErrorText>>({});
  const starting = ref<Record<string, boolean>>({});
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let left = false;

  const following = (name: string) => starting.value[name] === true || (runs.value[name] !== undefined && !isFinished(runs.value[name]));

  function stop(name: string) {
    clearTimeout(timers.get(name));
    timers.delete(name);
  }

  async function poll(name: string, id: string) {
    timers.delete(name);
    try {
      const run = await api.get<AnalysisRunView>(`/analyses/${name}/runs/${id}`);
      if (left || runs.value[name]?.id !== id) return;
      // Only the run's view is kept; its result belongs to the run's own page.
      runs.value = { ...runs.value, [name]: { ...run, progress: Math.round(run.progress ?? 0) } };
      if (isFinished(run)) finished?.(name, runs.value[name]);
      else timers.set(name, setTimeout(() => void poll(name, id), POLL_MS));
    } catch (error) {
      if (left) return;
      problems.value = { ...problems.value, [name]: errorText(error) };
    }
  }

  async function start(name: string): Promise<string | null> {
    stop(name);
    const { [name]: _gone, ...rest } = problems.value;
    problems.value = rest;
    starting.value = { ...starting.value, [name]: true };
    try {
      const { runId } = await api.post<{ runId: string }>(`/analyses/${name}/run`);
      runs.value = {
        ...runs.value,
        [name]: { id: runId, analysis: name, status: 'queued', progress: 0, startedBy: null, scheduled: false, definitionVersion: null, modelVersion: null, startedAt: null, finishedAt: null, rows: null, error: null },
      };
      timers.set(name, setTimeout(() => void poll(name, runId), POLL_MS / 2));
      return runId;
    } catch (error) {
      problems.value = { ...problems.value, [name]: errorText(error) };
      return null;
    } finally {
      starting.value = { ...starting.value, [name]: false };
    }
  }

  onBeforeUnmount(() => {
    left = true;
    for (const name of [...timers.keys()]) stop(name);
  });

  return { runs, problems, starting, following, start };
}
