import { trainClassifier, type ClassifierModel, type ClassifierTask } from './train-classifier.ts';
import { trainClusters, type KmeansModel, type KmeansTask } from './train-clusters.ts';
import { mineRules, type AssociationModel, type AssociationTask } from './mine-rules.ts';
import type { LocalText } from '../engine/index.ts';

/** Work heavy enough to leave the event loop: it runs in a worker thread (training-pool.ts). */
export type TrainingTask = ClassifierTask | KmeansTask | AssociationTask;
export type TrainingResult = ClassifierModel | KmeansModel | AssociationModel | { problem: LocalText };

export function runTrainingTask(task: TrainingTask, report: (share: number) => void): TrainingResult {
  switch (task.kind) {
    case 'classifier': return trainClassifier(task, report);
    case 'kmeans': return trainClusters(task, report);
    case 'association': return mineRules(task, report);
    default: {
      const unknown: never = task;
      throw new Error(`unknown training task ${JSON.stringify(unknown)}`);
    }
  }
}
