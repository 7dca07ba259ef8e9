import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { ApiClient } from './test-app.ts';

/** The records of one of a pack's demo files (`demo/<name>.json`). */
export function demoFile(packDir: string, name: string): Record<string, any>[] {
  return JSON.parse(fs.readFileSync(path.join(packDir, 'demo', `${name}.json`), 'utf8'));
}

/** The pack's shipped demo files are exactly what its seeded generator (`scripts/generate-demo.ts`) writes. */
export function expectShippedDemo(packDir: string): void {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `${path.basename(packDir)}-demo-`));
  try {
    const made = spawnSync(process.execPath, ['--import', 'tsx', path.join(packDir, 'scripts/generate-demo.ts'), '--out', out], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const files = fs.readdirSync(out).sort();
    expect(files).toEqual(fs.readdirSync(path.join(packDir, 'demo')).sort());
    for (const file of files) expect(fs.readFileSync(path.join(out, file), 'utf8'), file).toBe(fs.readFileSync(path.join(packDir, 'demo', file), 'utf8'));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** How many records of an object the caller may read (matching the filter). */
export async function countRecords(api: ApiClient, object: string, filter?: unknown): Promise<number> {
  const res = await api.get(`/api/records/${object}?count=true&limit=1${filter ? `&filter=${q(filter)}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.total as number;
}

/** Every record of an object the caller may read, page by page. */
export async function everyRecord(api: ApiClient, object: string, filter?: unknown, fields?: string[]): Promise<Record<string, any>[]> {
  const out: Record<string, any>[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: any } = await api.get(`/api/records/${object}?limit=500${filter ? `&filter=${q(filter)}` : ''}${fields ? `&fields=${fields.join(',')}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(...res.body.data);
    cursor = res.body.nextCursor ? encodeURIComponent(res.body.nextCursor) : null;
  } while (cursor);
  return out;
}
