import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Builds ui/dist when it is missing or older than its sources, so the browser tests see the current app. */
export default function setup(): void {
  const script = fileURLToPath(new URL('../../ui/scripts/build-if-stale.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web application failed');
}
