import type { TestProject } from 'vitest/node';
import { setUpTestRun } from './helpers/test-run.ts';

/** The run's prepared databases (tests/integration/helpers/prepared-database.ts), removed at its end. */
export default function setup(project: TestProject): () => Promise<void> {
  return setUpTestRun(project);
}
