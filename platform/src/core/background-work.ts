/**
 * Work a request starts and leaves running in this process (an import going on after its 202):
 * a graceful shutdown waits for it, so stopping the process never leaves such work half done.
 */
const running = new Set<Promise<unknown>>();

/** Keeps track of `work` until it settles; returns it unchanged. */
export function trackBackgroundWork<T>(work: Promise<T>): Promise<T> {
  const tracked = work.finally(() => running.delete(tracked));
  running.add(tracked);
  tracked.catch(() => {});
  return work;
}

/** Resolves when everything tracked, including what is started meanwhile, has settled. */
export async function backgroundWorkSettled(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

export const backgroundWorkCount = (): number => running.size;
