import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** An error whose text is a literal, so it reads the same in every language. */
export interface EnglishOnly {
  at: string;
  text: string;
}

/** The source files the guard reads: the platform, and each pack's index.ts and src/. */
export function guardedFiles(root: string): string[] {
  const files = walk(join(root, 'platform/src'));
  for (const pack of readdirSync(join(root, 'plugins'))) {
    const dir = join(root, 'plugins', pack);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) if (name === 'index.ts') files.push(join(dir, name));
    try {
      files.push(...walk(join(dir, 'src')));
    } catch {
      // A pack without src/.
    }
  }
  return files;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(path);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Where a string, template or comment that starts at `i` ends (the index after it), or -1 when none starts there. */
function skipLiteral(src: string, i: number): number {
  const c = src[i];
  if (c === '/' && src[i + 1] === '/') return src.indexOf('\n', i) === -1 ? src.length : src.indexOf('\n', i);
  if (c === '/' && src[i + 1] === '*') return src.indexOf('*/', i + 2) + 2;
  if (c !== "'" && c !== '"' && c !== '`') return -1;
  let j = i + 1;
  while (j < src.length && src[j] !== c) {
    if (src[j] === '\\') j++;
    else if (c === '`' && src[j] === '$' && src[j + 1] === '{') j = closing(src, j + 1);
    j++;
  }
  return j + 1;
}

/** The index of the bracket closing the one at `open`. */
function closing(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const end = skipLiteral(src, i);
    if (end !== -1) {
      i = end - 1;
      continue;
    }
    if ('([{'.includes(src[i])) depth++;
    else if (')]}'.includes(src[i]) && --depth === 0) return i;
  }
  return src.length;
}

/** The top-level arguments of the call whose `(` is at `open`, with where each starts. */
function callArguments(src: string, open: number): { text: string; start: number }[] {
  const close = closing(src, open);
  const args: { text: string; start: number }[] = [];
  let start = open + 1;
  for (let i = open + 1; i < close; i++) {
    const end = skipLiteral(src, i);
    if (end !== -1) {
      i = end - 1;
      continue;
    }
    if ('([{'.includes(src[i])) i = closing(src, i);
    else if (src[i] === ',') {
      args.push({ text: src.slice(start, i), start });
      start = i + 1;
    }
  }
  if (src.slice(start, close).trim()) args.push({ text: src.slice(start, close), start });
  return args;
}

/** `src` with comments and the insides of strings blanked (lines kept), so only code is searched for calls. */
function codeOnly(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const end = skipLiteral(src, i);
    if (end === -1) {
      out += src[i];
      continue;
    }
    const part = src.slice(i, end).replace(/[^\n]/g, ' ');
    out += src[i] === '/' ? part : src[i] + part.slice(1, -1) + src[end - 1];
    i = end - 1;
  }
  return out;
}

const isLiteral = (text: string) => /^\s*['"`]/.test(text);
const lineOf = (src: string, index: number) => src.slice(0, index).split('\n').length;

/**
 * Every `createError` (and a pack's `pluginError`) in `src` whose message, or a detail's `message:`
 * inside the call, is a string or template literal; and every `detail(path, message)` whose message is one.
 */
export function englishOnlyErrors(src: string, file: string): EnglishOnly[] {
  const found: EnglishOnly[] = [];
  const calls = /\b(?:createError|pluginError|detail)\(/g;
  const code = codeOnly(src);
  for (let m = calls.exec(code); m; m = calls.exec(code)) {
    const open = m.index + m[0].length - 1;
    const [, message, details] = callArguments(src, open);
    if (message && isLiteral(message.text)) {
      const start = message.start + message.text.search(/\S/);
      found.push({ at: `${file}:${lineOf(src, start)}`, text: message.text.trim().slice(0, 80) });
    }
    if (details && !m[0].startsWith('detail')) {
      const messages = /\bmessage:\s*(['"`])/g;
      for (let d = messages.exec(details.text); d; d = messages.exec(details.text)) {
        found.push({ at: `${file}:${lineOf(src, details.start + d.index)}`, text: details.text.slice(d.index, d.index + 80).trim() });
      }
    }
  }
  return found;
}

/** The guard over the repository at `root`: file:line of every English-only error. */
export function englishOnlyErrorsIn(root: string): EnglishOnly[] {
  return guardedFiles(root).flatMap((path) => englishOnlyErrors(readFileSync(path, 'utf8'), relative(root, path)));
}
