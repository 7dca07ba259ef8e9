// The entry of a training worker thread. It loads the TypeScript through tsx itself: a worker
// started by the server (node --import tsx) would inherit the loader, one started under vitest
// would not.
import os from 'node:os';
import { register } from 'tsx/esm/api';

register();
// Training is background work: on Linux a thread's nice value is its own, so this worker yields the
// cores to the event loop (requests) and the database, and trains on the time they leave idle.
try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // Not permitted or not supported here: train at normal priority.
}
const { runTrainingTask } = await import('./training-task.ts');

/** Runs one task; progress (a share, 0–1) goes out on the port the task brought. */
export default function train({ task, port }) {
  try {
    return runTrainingTask(task, (share) => port.postMessage(share));
  } finally {
    port.close();
  }
}
