/**
 * Generates TypeScript types from JSON Schemas: platform/src/generated/<kind>.ts from
 * metadata/schemas/<kind>.schema.json (the platform's kinds), and plugins/<pack>/generated/<kind>.ts
 * from plugins/<pack>/schemas/<kind>.schema.json for every pack that owns kinds.
 * `--check` exits non-zero when a generated file is stale (run by the unit tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const packsDir = path.join(root, 'plugins');

/** A folder of schemas and the folder their types are generated into. */
export interface SchemaSource {
  schemaDir: string;
  outDir: string;
}

/** The platform's schemas, then those of every pack folder with a schemas/ directory. */
export function schemaSources(): SchemaSource[] {
  const packs = fs.readdirSync(packsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(packsDir, entry.name, 'schemas')))
    .map((entry) => entry.name)
    .sort();
  return [
    { schemaDir: path.join(root, 'metadata/schemas'), outDir: path.join(root, 'platform/src/generated') },
    ...packs.map((pack) => ({ schemaDir: path.join(packsDir, pack, 'schemas'), outDir: path.join(packsDir, pack, 'generated') })),
  ];
}

export async function generatedTypes(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const { schemaDir, outDir } of schemaSources()) {
    for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
      const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8'));
      const ts = await compile(schema, schema.title, {
        bannerComment: `/* Generated from ${path.relative(root, path.join(schemaDir, file))} by platform/scripts/generate-types.ts. Do not edit. */`,
        additionalProperties: false,
        cwd: schemaDir,
        style: { singleQuote: true },
        ignoreMinAndMaxItems: true,
      });
      out.set(path.join(outDir, file.replace('.schema.json', '.ts')), ts);
    }
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
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, ts);
    }
  }
  if (stale.length) {
    console.error(`Stale generated types (run npm run generate:types): ${stale.join(', ')}`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
