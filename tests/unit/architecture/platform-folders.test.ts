import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 13: the folders of platform/src form layers in one direction (docs/architecture.md). eslint
// holds each import to the layer table; this test holds the whole graph to having no cycle at all.

const src = fileURLToPath(new URL('../../../platform/src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const folderOf = (file: string) => path.relative(src, file).split(path.sep)[0].replace(/\.ts$/, '');

/** folder -> folders it imports from (values and types alike), with one importing file each as evidence. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(src)) {
    const from = folderOf(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(src)) continue;
      const to = folderOf(target);
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      graph.get(from)!.set(to, path.relative(src, file));
    }
  }
  return graph;
}

/** Every cycle's folders, found by depth-first search (each reported once, from its first folder). */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (folder: string) => {
    state.set(folder, 'open');
    stack.push(folder);
    for (const next of graph.get(folder)?.keys() ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(folder, 'done');
  };
  for (const folder of graph.keys()) if (!state.has(folder)) visit(folder);
  return found;
}

describe('platform folders', () => {
  it('import each other in one direction only: no cycle between folders', () => {
    const graph = folderGraph();
    const described = cycles(graph).map((cycle) => cycle.map((f, i) => (i + 1 < cycle.length ? `${f} (${graph.get(f)!.get(cycle[i + 1])})` : f)).join(' -> '));
    expect(described).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([['records', new Map([['workflow', 'records/a.ts']])], ['workflow', new Map([['records', 'workflow/b.ts']])]]);
    expect(cycles(graph)).toEqual([['records', 'workflow', 'records']]);
  });

  it('keeps core at the bottom: it imports only generated types', () => {
    expect([...(folderGraph().get('core')?.keys() ?? [])].filter((f) => f !== 'generated')).toEqual([]);
  });
});
