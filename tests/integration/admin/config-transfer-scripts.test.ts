import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../../platform/src/core/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

// `npm run config:export -- <dir>` and `npm run config:import -- <dir> [--dry-run] [--remove-missing]`
// on a system of their own: an embedded database in a temporary DATA_DIR, or a PostgreSQL database.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT_TIMEOUT = 240_000;

let tmp: string;
let database: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;

function npmRun(script: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', script, '--', ...args], { cwd: ROOT, env, timeout: SCRIPT_TIMEOUT }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

const writeJson = (file: string, content: unknown) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(content, null, 2));
};
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

const site = { name: 'site', titleField: 'title', fields: [{ name: 'title', type: 'text' }, { name: 'size', type: 'number' }] };
const extra = { name: 'extra', fields: [{ name: 'code', type: 'text' }] };
const report = { name: 'sites_by_title', object: 'site', groupBy: [{ field: 'title' }], measures: [{ fn: 'count' }] };

const openSystem = () => connectDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR });

async function objectNames(): Promise<string[]> {
  const db = openSystem();
  try {
    return (await db('meta_definitions').where({ kind: 'object' }).orderBy('name').pluck('name')) as string[];
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-config-'));
  env = { ...process.env, ADMIN_PASSWORD: 'script-admin-1', LOG_LEVEL: 'warn', DATA_DIR: path.join(tmp, 'data'), DATABASE_URL: '' };
  if (process.env.TESSERA_TEST_DB === 'postgres') {
    database = await createTestDatabase();
    env.DATABASE_URL = database.url;
  }
  writeJson(path.join(tmp, 'in/pack.json'), { name: 'configuration', version: '1.0.0' });
  writeJson(path.join(tmp, 'in/metadata/objects/site.json'), site);
  writeJson(path.join(tmp, 'in/metadata/objects/extra.json'), extra);
  writeJson(path.join(tmp, 'in/metadata/reports/sites_by_title.json'), report);
}, SCRIPT_TIMEOUT);
afterAll(async () => {
  await database?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run config:export and config:import', () => {
  it('imports a pack folder, prints what it adds, and exports the system as the same folder', async () => {
    const imported = await npmRun('config:import', [path.join(tmp, 'in')]);
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output).toContain('+ object site');
    expect(imported.output).toContain('+ report sites_by_title');
    expect(imported.output).toMatch(/Applied \(import \d+\)/);

    const exported = await npmRun('config:export', [path.join(tmp, 'out')]);
    expect(exported.code, exported.output).toBe(0);
    expect(readJson(path.join(tmp, 'out/pack.json'))).toMatchObject({ name: 'configuration' });
    expect(readJson(path.join(tmp, 'out/metadata/objects/site.json'))).toEqual(site);
    expect(readJson(path.join(tmp, 'out/metadata/reports/sites_by_title.json'))).toEqual(report);
    expect(readJson(path.join(tmp, 'out/metadata/roles/admin.json'))).toMatchObject({ name: 'admin', superuser: true });
    expect(fs.readdirSync(path.join(tmp, 'out/metadata/dashboards'))).toEqual([]);
  }, SCRIPT_TIMEOUT * 2);

  it('previews changes and problems with --dry-run, changing nothing, then applies with --remove-missing', async () => {
    const out = path.join(tmp, 'out/metadata');
    writeJson(path.join(out, 'objects/site.json'), { ...site, fields: [site.fields[0]] });
    fs.rmSync(path.join(out, 'objects/extra.json'));
    writeJson(path.join(out, 'roles/nobody.json'), { name: 'nobody', objects: { nowhere: { operations: ['read'] } } });

    const preview = await npmRun('config:import', [path.join(tmp, 'out'), '--dry-run', '--remove-missing']);
    expect(preview.code, preview.output).toBe(1);
    expect(preview.output).toContain('~ object site');
    expect(preview.output).toContain('- /fields/1 {"name":"size","type":"number"}');
    expect(preview.output).toContain('- object extra');
    expect(preview.output).toMatch(/\/definitions\/roles\/\d+\/objects/);
    expect(await objectNames()).toEqual(['extra', 'site']);

    fs.rmSync(path.join(out, 'roles/nobody.json'));
    const applied = await npmRun('config:import', [path.join(tmp, 'out'), '--remove-missing']);
    expect(applied.code, applied.output).toBe(0);
    expect(applied.output).toContain('- object extra');

    const db = openSystem();
    try {
      const objects = await db('meta_definitions').where({ kind: 'object' }).orderBy('name').select('name', 'definition', 'updated_by');
      expect(objects.map((o) => o.name)).toEqual(['site']);
      expect(objects[0].definition.fields).toEqual([site.fields[0]]);
      const admin = await db('users').where({ username: 'admin' }).first('id');
      expect(String(objects[0].updated_by)).toBe(String(admin.id));
      expect(Number((await db('config_imports').count('* as n').first())?.n)).toBe(2);
    } finally {
      await db.destroy();
    }
  }, SCRIPT_TIMEOUT * 3);
});
