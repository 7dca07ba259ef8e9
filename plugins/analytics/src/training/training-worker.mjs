// The entry of a training worker thread. It loads the TypeScript through tsx itself: a worker
// started by the server (node --import tsx) would inherit the loader, one started under vitest
// would not.
import { register } from 'tsx/esm/api';

register();
const { runTrainingTask } = await import('./training-task.ts');

/** Runs one task; progress (a share, 0–1) goes out on the port the task brought. */
export default function train({ task, port }) {
  try {
    return runTrainingTask(task, (share) => port.postMessage(share));
  } finally {
    port.close();
  }
}
