// Measures the JavaScript the first screens load, gzip-compressed: the entry chunk with everything it
// imports statically (the login page), and that plus the home view's chunks (the first page after
// logging in). Reads ui/dist/.vite/manifest.json, so run it after a build. Prints JSON.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = resolve(fileURLToPath(new URL('../dist', import.meta.url)));
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

function closure(keys) {
  const seen = new Set();
  const walk = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) walk(next);
  };
  keys.forEach(walk);
  return seen;
}

const gzipped = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const measure = (keys) => {
  const files = [...closure(keys)].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
  return { files, bytes: files.reduce((sum, file) => sum + gzipped(file), 0) };
};

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const home = Object.keys(manifest).find((key) => key.endsWith('views/HomeView.vue'));
const login = measure([entry]);
const afterLogin = measure([entry, home]);
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
console.log(JSON.stringify({
  loginKB: kb(login.bytes),
  homeKB: kb(afterLogin.bytes),
  loginFiles: login.files,
  homeFiles: afterLogin.files,
}, null, 2));
