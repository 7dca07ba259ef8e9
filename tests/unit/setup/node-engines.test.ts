import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { satisfiesNodeRange } from './node-range.ts';

// A fresh `npm ci` prints an EBADENGINE warning for every installed package whose engines.node the
// running Node does not satisfy, and an install-scripts notice for every install script package.json's
// allowScripts does not cover (issue 12 item 22). Both are read here from the lockfile.

const root = new URL('../../../', import.meta.url);
const pkg = JSON.parse(fs.readFileSync(new URL('package.json', root), 'utf8'));
const lock = JSON.parse(fs.readFileSync(new URL('package-lock.json', root), 'utf8'));
type Entry = { version?: string; engines?: { node?: string } | string[]; optional?: boolean; hasInstallScript?: boolean };
const entries = Object.entries(lock.packages as Record<string, Entry>).filter(([path]) => path !== '');
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

// Optional packages npm leaves out quietly on Node 20 and that nothing loads.
const skippedOptional: Record<string, string> = {
  '@napi-rs/lzma-linux-x64-gnu': 'optional dependency of @rollup/wasm-node, which never requires it',
};

describe('installing on the Node package.json promises (issue 12 item 22)', () => {
  const floor = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(pkg.engines.node);

  it('package.json promises a plain minimum Node version', () => {
    expect(floor, pkg.engines.node).not.toBeNull();
  });

  const nodes = [`${floor?.[1]}.${floor?.[2]}.${floor?.[3] ?? 0}`, process.versions.node];

  it.each(nodes)('every package in package-lock.json accepts Node %s (no EBADENGINE warning)', (node) => {
    const refused = entries
      .filter(([path]) => !(skippedOptional[nameOf(path)] && lock.packages[path].optional))
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range && !satisfiesNodeRange(node, range) ? [`${nameOf(path)}@${entry.version} wants node ${range}`] : [];
      });
    expect(entries.length).toBeGreaterThan(100);
    expect(refused).toEqual([]);
  });

  it('the quietly skipped optional packages are still optional in the lockfile', () => {
    for (const name of Object.keys(skippedOptional)) {
      const found = entries.filter(([path]) => nameOf(path) === name);
      for (const [, entry] of found) expect(entry.optional, name).toBe(true);
    }
  });

  it('every install script in the tree is approved in package.json allowScripts (no install-scripts notice)', () => {
    const allowed = pkg.allowScripts ?? {};
    const covered = (name: string, version?: string) => allowed[name] !== undefined || allowed[`${name}@${version}`] !== undefined;
    const withScripts = entries.filter(([, entry]) => entry.hasInstallScript);
    const uncovered = withScripts.filter(([path, entry]) => !covered(nameOf(path), entry.version)).map(([path]) => nameOf(path));
    expect(uncovered).toEqual([]);
    // esbuild's postinstall checks and links its platform binary; it must run, not be denied.
    expect(withScripts.map(([path]) => nameOf(path))).toContain('esbuild');
    expect(allowed.esbuild).toBe(true);
  });
});

describe('the engine range reader', () => {
  it.each([
    ['>=20.19', true], ['>= 16', true], ['^20.19.0 || >=22.12.0', true], ['18 || 20 || >=22', true],
    ['10.* || >= 12.*', true], ['>= 10.x', true], ['*', true], ['^18.18.0 || ^20.9.0 || >=21.1.0', true],
    ['^20.0.0 || ^22.0.0 || >=24.0.0', true], ['~20.19', true], ['>=0.10.0', true],
    ['>= 22', false], ['>=22', false], ['^22.18.0 || >=24.11.0', false], ['^22.20 || ^24.12 || >=25', false],
    ['>= 22.22', false], ['>=20.20', false], ['^18', false], ['20.18.x', false], ['<20', false], ['>20', false],
  ])('Node 20.19.0 against %s is %s', (range, expected) => {
    expect(satisfiesNodeRange('20.19.0', range)).toBe(expected);
  });

  it('refuses a range form it does not know', () => {
    expect(() => satisfiesNodeRange('20.19.0', '1.2.3 - 2.3.4')).toThrow(/unsupported range/);
    expect(() => satisfiesNodeRange('20.19.0', '>=lts')).toThrow(/unsupported range/);
  });
});
