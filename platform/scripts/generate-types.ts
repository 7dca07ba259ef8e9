/**
 * Generates platform/src/generated/<kind>.ts from metadata/schemas/<kind>.schema.json.
 * `--check` exits non-zero when a generated file is stale (run by the unit tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaDir = path.join(root, 'metadata/schemas');
const outDir = path.join(root, 'platform/src/generated');

export async function generatedTypes(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
    const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8'));
    const ts = await compile(schema, schema.title, {
      bannerComment: `/* Generated from metadata/schemas/${file} by platform/scripts/generate-types.ts. Do not edit. */`,
      additionalProperties: false,
      cwd: schemaDir,
      style: { singleQuote: true },
      ignoreMinAndMaxItems: true,
    });
    out.set(path.join(outDir, file.replace('.schema.json', '.ts')), ts);
  }
  return out;
}

async function main() {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [file, ts] of await generatedTypes()) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current === ts) continue;
    if (check) stale.push(path.relative(root, file));
    else fs.writeFileSync(file, ts);
  }
  if (stale.length) {
    console.error(`Stale generated types (run npm run generate:types): ${stale.join(', ')}`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
