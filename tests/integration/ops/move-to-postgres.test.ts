import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../../platform/src/core/database.ts';
import { DATA_DIR_LOCK_FILE } from '../../../platform/src/core/data-dir-lock.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { ADMIN_PASSWORD, expectFilled, expectServedCopy, fillInstallation, fingerprint, runScript, stopServer, type Fingerprint, type ScriptResult } from './installation.ts';

// Issue 18: `npm run move-to-postgres -- <url>` moves an embedded installation into an empty
// PostgreSQL database with nothing lost. The move itself runs on the PostgreSQL project (it needs a
// server); the PGlite project checks what is refused before anything is copied.

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-move-test-'));
const dataDir = path.join(folder, 'data');
const server: { current?: ServerProcess } = {};
afterAll(async () => {
  await stopServer(server.current);
  fs.rmSync(folder, { recursive: true, force: true });
});

const expectRefused = (result: ScriptResult, message: RegExp) => {
  expect(result.code, result.output).toBe(1);
  expect(result.output).toMatch(message);
  expect(result.output).not.toMatch(/\n\s+at /);
};

const readEmbedded = async (): Promise<Fingerprint> => {
  const db = connectDatabase({ dataDir });
  try {
    return await fingerprint(db);
  } finally {
    await db.destroy();
  }
};

/** Every file of the data directory with its size, modification time and contents' hash. */
function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === DATA_DIR_LOCK_FILE) continue;
    const file = path.join(entry.parentPath, entry.name);
    const stat = fs.statSync(file);
    files[path.relative(dir, file)] = `${stat.size} ${stat.mtimeMs} ${crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex')}`;
  }
  return files;
}

if (process.env.TESSERA_TEST_DB === 'postgres') describe('moving an embedded installation to PostgreSQL', () => {
  let target: TestDatabase;
  let waitingId: string;
  let before: Fingerprint;
  let sourceFiles: Record<string, string>;
  let move: ScriptResult;

  beforeAll(async () => {
    target = await createTestDatabase();
    server.current = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '', ADMIN_PASSWORD });
    waitingId = await fillInstallation(server.current.base);
    await stopServer(server.current);
    before = await readEmbedded();
    expectFilled(before);
    sourceFiles = filesOf(dataDir);
  }, 180_000);
  afterAll(async () => {
    await stopServer(server.current);
    await target?.drop();
  });

  it('copies every table: records, history, workflow instances and timers, with a summary of matching counts', async () => {
    move = await runScript('move-to-postgres', [target.url!], { DATA_DIR: dataDir });
    expect(move.code, move.output).toBe(0);
    expect(move.output).toMatch(/records\.parcel\s+5\s+5\n/);
    expect(move.output).toMatch(/pgboss\.job\s+(\d+)\s+\1\n/);
    expect(move.output).toContain("every table's rows match");
    expect(move.output).not.toContain('DIFFERENT');
    expect(await fingerprint(target.db)).toEqual(before);
  });

  it('leaves the embedded database exactly as it was', () => {
    expect(move.code).toBe(0);
    expect(filesOf(dataDir)).toEqual(sourceFiles);
    expect(fs.existsSync(path.join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);
  });

  it('serves the moved database: people log in, records and the workflow are there, new ids continue', async () => {
    server.current = await startServerProcess({ DATABASE_URL: target.url });
    await expectServedCopy(server.current, waitingId, before);
    await stopServer(server.current);
  });

  it('refuses a database that is not empty, and changes nothing in it', async () => {
    const rows = async () => (await target.db.raw('SELECT count(*)::int AS n FROM records.parcel')).rows[0].n;
    const count = await rows();
    expectRefused(await runScript('move-to-postgres', [target.url!], { DATA_DIR: dataDir }), /target database is not empty/);
    expect(await rows()).toBe(count);
  });
});

if (process.env.TESSERA_TEST_DB !== 'postgres') describe('what the move refuses before copying anything', () => {
  it('a data directory without a database', async () => {
    expectRefused(await runScript('move-to-postgres', ['postgres://postgres@127.0.0.1:5432/none'], { DATA_DIR: path.join(folder, 'empty') }), /no embedded database in/);
  });

  describe('on a data directory with a database', () => {
    beforeAll(async () => {
      const db = connectDatabase({ dataDir });
      await db.raw('SELECT 1');
      await db.destroy();
    });

    it('no address', async () => {
      expectRefused(await runScript('move-to-postgres', [], { DATA_DIR: dataDir }), /Name the PostgreSQL database.*Usage/s);
    });

    it('an address that is not PostgreSQL', async () => {
      expectRefused(await runScript('move-to-postgres', ['mysql://somewhere/db'], { DATA_DIR: dataDir }), /is not a postgres:\/\/ URL/);
    });

    it('a server that cannot be reached', async () => {
      expectRefused(await runScript('move-to-postgres', ['postgres://postgres@127.0.0.1:1/none'], { DATA_DIR: dataDir }), /Cannot connect to the PostgreSQL database/);
    });
  });

  it('a data directory in use by another process', async () => {
    const db = connectDatabase({ dataDir });
    try {
      await db.raw('SELECT 1');
      expectRefused(await runScript('move-to-postgres', ['postgres://postgres@127.0.0.1:1/none'], { DATA_DIR: dataDir }), new RegExp(`in use by process ${process.pid}`));
    } finally {
      await db.destroy();
    }
    expect(fs.existsSync(path.join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);
  });
});
