import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import knexFactory from 'knex';
import { connectDatabase } from '../../../platform/src/core/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { ADMIN_PASSWORD, expectFilled, expectServedCopy, fillInstallation, fingerprint, runScript, stopServer, type Fingerprint, type ScriptResult } from './installation.ts';

// Issue 18: `npm run backup` and `npm run restore` round trips. On the PGlite project the embedded
// database is backed up and restored into a new data directory; on the PostgreSQL project a
// database is dumped with pg_dump and restored into a new database with pg_restore. Either way the
// copy holds the same rows, history, workflow instance and timer, and a server on it works.

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-backup-'));
const server: { current?: ServerProcess } = {};
afterAll(async () => {
  await stopServer(server.current);
  fs.rmSync(folder, { recursive: true, force: true });
});

const readEmbedded = async (dataDir: string): Promise<Fingerprint> => {
  const db = connectDatabase({ dataDir });
  try {
    return await fingerprint(db);
  } finally {
    await db.destroy();
  }
};

const expectRefused = (result: ScriptResult, message: RegExp) => {
  expect(result.code, result.output).toBe(1);
  expect(result.output).toMatch(message);
  expect(result.output).not.toMatch(/\n\s+at /);
};

if (process.env.TESSERA_TEST_DB !== 'postgres') describe('backup and restore of the embedded database', () => {
  const dataDir = path.join(folder, 'data');
  const backupFile = path.join(folder, 'tessera-embedded.tar.gz');
  let waitingId: string;
  let before: Fingerprint;
  let whileRunning: ScriptResult;

  beforeAll(async () => {
    server.current = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_PASSWORD });
    waitingId = await fillInstallation(server.current.base);
    whileRunning = await runScript('backup', ['--out', path.join(folder, 'refused.tar.gz')], { DATA_DIR: dataDir });
    await stopServer(server.current);
    before = await readEmbedded(dataDir);
    expectFilled(before);
  }, 180_000);

  it('refuses to back up while a server uses the data directory, and writes nothing', () => {
    expectRefused(whileRunning, /in use by process \d+/);
    expect(fs.existsSync(path.join(folder, 'refused.tar.gz'))).toBe(false);
  });

  const restoredDir = path.join(folder, 'restored');

  it('restores into a new data directory with every row, the workflow instance and its timer', async () => {
    const backup = await runScript('backup', ['--out', backupFile], { DATA_DIR: dataDir });
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain(backupFile);

    const restore = await runScript('restore', [backupFile], { DATA_DIR: restoredDir });
    expect(restore.code, restore.output).toBe(0);
    expect(await readEmbedded(restoredDir)).toEqual(before);
    expect(await readEmbedded(dataDir)).toEqual(before);
  });

  it('serves the restored database: people log in, records and the workflow are there, new ids continue', async () => {
    server.current = await startServerProcess({ DATA_DIR: restoredDir, DATABASE_URL: '' });
    await expectServedCopy(server.current, waitingId, before);
    await stopServer(server.current);
  });

  it('refuses a non-empty data directory without --force, a PostgreSQL target and a file that is no backup', async () => {
    expectRefused(await runScript('restore', [backupFile], { DATA_DIR: dataDir }), /is not empty.*--force/s);
    expectRefused(await runScript('restore', [backupFile], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }), /embedded database backup/);
    const notABackup = path.join(folder, 'notes.txt');
    fs.writeFileSync(notABackup, 'not a backup');
    expectRefused(await runScript('restore', [notABackup], { DATA_DIR: path.join(folder, 'other') }), /is not a Tessera backup/);
    expect(fs.existsSync(path.join(folder, 'other'))).toBe(false);
  });

  it('with --force replaces the database in a non-empty data directory', async () => {
    // The server test added a record to the restored copy; the backup does not have it.
    expect((await readEmbedded(restoredDir)).parcels).toHaveLength(6);
    const restore = await runScript('restore', [backupFile, '--force'], { DATA_DIR: restoredDir });
    expect(restore.code, restore.output).toBe(0);
    expect(await readEmbedded(restoredDir)).toEqual(before);
    expect(fs.readdirSync(folder).filter((name) => name.includes('.restoring-') || name.includes('.replaced-'))).toEqual([]);
  });
});

if (process.env.TESSERA_TEST_DB === 'postgres') describe('backup and restore of a PostgreSQL database (pg_dump, pg_restore)', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  const backupFile = path.join(folder, 'tessera-postgres.dump');
  let waitingId: string;
  let before: Fingerprint;

  beforeAll(async () => {
    source = await createTestDatabase();
    target = await createTestDatabase();
    server.current = await startServerProcess({ DATABASE_URL: source.url, ADMIN_PASSWORD });
    waitingId = await fillInstallation(server.current.base);
    await stopServer(server.current);
    before = await fingerprint(source.db);
    expectFilled(before);
  }, 180_000);
  afterAll(async () => {
    await stopServer(server.current);
    await target?.drop();
    await source?.drop();
  });

  it('restores into an empty database with every row, the workflow instance and its timer', async () => {
    const backup = await runScript('backup', ['--out', backupFile], { DATABASE_URL: source.url });
    expect(backup.code, backup.output).toBe(0);
    expect(fs.readFileSync(backupFile).subarray(0, 5).toString()).toBe('PGDMP');

    const restore = await runScript('restore', [backupFile], { DATABASE_URL: target.url });
    expect(restore.code, restore.output).toBe(0);
    expect(await fingerprint(target.db)).toEqual(before);
  });

  it('serves the restored database: people log in, records and the workflow are there, new ids continue', async () => {
    server.current = await startServerProcess({ DATABASE_URL: target.url });
    await expectServedCopy(server.current, waitingId, before);
    await stopServer(server.current);
  });

  it('refuses a non-empty database without --clean, and an embedded target', async () => {
    expectRefused(await runScript('restore', [backupFile], { DATABASE_URL: source.url }), /not empty.*--clean/s);
    expectRefused(await runScript('restore', [backupFile], { DATA_DIR: path.join(folder, 'data') }), /PostgreSQL backup/);
    expect(fs.existsSync(path.join(folder, 'data'))).toBe(false);
  });

  it('with --clean replaces everything in the database by the backup', async () => {
    const admin = knexFactory({ client: 'pg', connection: source.url, pool: { min: 0, max: 1 } });
    try {
      await admin.raw("DELETE FROM records.parcel WHERE code = 'P-0'");
      await admin.raw('CREATE TABLE records.stray (id int)');
      const restore = await runScript('restore', [backupFile, '--clean'], { DATABASE_URL: source.url });
      expect(restore.code, restore.output).toBe(0);
      expect(await fingerprint(source.db)).toEqual(before);
      expect((await admin.raw("SELECT to_regclass('records.stray') AS stray")).rows[0].stray).toBeNull();
    } finally {
      await admin.destroy();
    }
  });
});
