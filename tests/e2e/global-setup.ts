import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { setUpTestRun } from '../integration/helpers/test-run.ts';

/**
 * Builds ui/dist when it is missing or older than its sources, so the browser tests see the current app;
 * and gives the files the run's prepared databases (tests/integration/helpers/prepared-database.ts).
 */
export default function setup(project: TestProject): () => Promise<void> {
  const script = fileURLToPath(new URL('../../ui/scripts/build-if-stale.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web application failed');
  return setUpTestRun(project);
}
