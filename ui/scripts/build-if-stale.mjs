// Builds ui/dist when it is missing or older than anything it is built from (ui sources, pack pages,
// the dependency lock), so that `npm start` and the browser tests always serve a current app and
// cost nothing when it is up to date. Run with --force to build anyway.
//
// Several processes may ask at once (a server starting while browser tests run), and a server may be
// serving ui/dist meanwhile, so: one build at a time (a lock directory), each build goes to its own
// directory first, and ui/dist is updated by copying the new hashed assets in and then replacing
// index.html in one rename. ui/dist is never empty, and a page loaded just before keeps its chunks.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dist = join(root, 'ui/dist');
const stamp = join(dist, 'index.html');
const cache = join(root, 'node_modules/.cache/tessera-ui');
const lock = join(cache, 'build.lock');
const KEEP_OLD_ASSETS_MS = 10 * 60_000;

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

function stale() {
  const sources = [join(root, 'ui/src'), join(root, 'ui/public'), join(root, 'ui/index.html'), join(root, 'ui/vite.config.ts'), join(root, 'package-lock.json'), ...packPages()];
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  return built === 0 || sources.some((source) => newest(source) > built);
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function takeLock() {
  mkdirSync(cache, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock left by a build that died is taken over after ten minutes.
      if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      else sleep(500);
    }
  }
}

function build() {
  const out = join(cache, `build-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(root, 'ui/vite.config.ts'), '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // A production build whoever asks: test runners set NODE_ENV=test, which would make Vite bundle Vue's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    return result.status ?? 1;
  }
  mkdirSync(dist, { recursive: true });
  const fresh = new Set(readdirSync(join(out, 'assets')));
  cpSync(out, dist, { recursive: true, force: true, filter: (source) => source !== join(out, 'index.html') });
  renameSync(join(out, 'index.html'), stamp);
  for (const file of readdirSync(join(dist, 'assets'))) {
    const path = join(dist, 'assets', file);
    if (!fresh.has(file) && Date.now() - statSync(path).mtimeMs > KEEP_OLD_ASSETS_MS) rmSync(path, { force: true });
  }
  rmSync(out, { recursive: true, force: true });
  return 0;
}

const force = process.argv.includes('--force');
if (!force && !stale()) process.exit(0);
takeLock();
let status = 0;
try {
  // Another process may have built it while this one waited for the lock.
  if (force || stale()) {
    console.log('Building the web application (ui/dist)…');
    status = build();
  }
} finally {
  rmSync(lock, { recursive: true, force: true });
}
process.exit(status);
