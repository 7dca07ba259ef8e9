// Builds ui/dist when it is missing or older than anything it is built from (ui sources, pack pages,
// the dependency lock), so that `npm start` and the browser tests always serve a current app and
// cost nothing when it is up to date. Run with --force to build anyway.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const stamp = join(root, 'ui/dist/index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function packPages() {
  const plugins = join(root, 'plugins');
  if (!existsSync(plugins)) return [];
  return readdirSync(plugins).map((pack) => join(plugins, pack, 'ui')).filter((dir) => existsSync(dir));
}

const sources = [join(root, 'ui/src'), join(root, 'ui/public'), join(root, 'ui/index.html'), join(root, 'ui/vite.config.ts'), join(root, 'package-lock.json'), ...packPages()];
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const stale = process.argv.includes('--force') || built === 0 || sources.some((source) => newest(source) > built);

if (!stale) process.exit(0);
console.log('Building the web application (ui/dist)…');
const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'ui/vite.config.ts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
