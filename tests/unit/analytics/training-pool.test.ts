import { describe, expect, it } from 'vitest';
import { runTraining } from '../../../plugins/analytics/src/training/training-pool.ts';
import { runTrainingTask, type TrainingTask } from '../../../plugins/analytics/src/training/training-task.ts';

describe('training in a worker thread', () => {
  it('loads the TypeScript engines under vitest too, reports progress, and answers as in-process training does', async () => {
    const transactions = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? ['tea', 'cups'] : i % 3 === 1 ? ['tea', 'pot'] : ['cups']));
    const task: TrainingTask = { kind: 'association', transactions, options: { minSupport: 0.1, minConfidence: 0.4, maxLength: 2 } };
    const progress: number[] = [];
    const inWorker = await runTraining(task, (share) => progress.push(share));
    expect(inWorker).toEqual(runTrainingTask(task, () => undefined));
    expect(progress).toEqual([0.7, 1]);
  });

  it('sends typed arrays both ways', async () => {
    const columns = [Float64Array.from({ length: 40 }, (_, i) => (i < 20 ? i / 100 : 10 + i / 100))];
    const model = await runTraining({ kind: 'kmeans', columns, options: { k: 2, seed: 1 } }, () => undefined);
    expect('labels' in model && model.labels).toBeInstanceOf(Uint16Array);
    expect('profiles' in model && model.profiles.map((p) => p.size)).toEqual([20, 20]);
  });
});
