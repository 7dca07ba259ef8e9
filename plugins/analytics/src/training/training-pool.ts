import os from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { TrainingResult, TrainingTask } from './training-task.ts';

/** One pool per process, shared by every server in it: the workers hold no state between tasks. */
let pool: Piscina | undefined;

function trainingPool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./training-worker.mjs', import.meta.url).href,
    // Leave a core to the event loop; idle workers go away.
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(4, os.availableParallelism() - 1)),
    idleTimeout: 30_000,
  });
  return pool;
}

/**
 * Trains in a worker thread, so the API keeps answering while a model learns; `onProgress` gets the
 * worker's progress (0–1) as it goes.
 */
export async function runTraining(task: TrainingTask, onProgress: (share: number) => void): Promise<TrainingResult> {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (share: number) => onProgress(share));
  try {
    return (await trainingPool().run({ task, port: port2 }, { transferList: [port2] })) as TrainingResult;
  } finally {
    port1.close();
  }
}
