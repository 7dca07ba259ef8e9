// Prepares one of a run's databases (prepared-database.ts), as a process of its own started by the first
// test file that needs it: node --import tsx prepare-database.ts <run> <packs>, both JSON.
import { createTestDatabase } from './test-database.ts';
import { failedToPrepare, keepPrepared, preparedDatabase, type PackToInstall } from './prepared-database.ts';
import { startTestApp } from './test-app.ts';
import type { TestRun } from './test-run.ts';

const run = JSON.parse(process.argv[2]!) as TestRun;
const packs = JSON.parse(process.argv[3]!) as PackToInstall[];

try {
  // From the one with all but the last pack, so that sets with a common start share it.
  const database = packs.length ? await preparedDatabase(run, packs.slice(0, -1)) : await createTestDatabase();
  const app = await startTestApp({ database: { ...database, drop: async () => {} }, packs: packs.slice(-1) });
  await app.close();
  // The preparation's own login is no part of what a file starts with.
  await database.db('auth_sessions').del();
  await keepPrepared(run, packs, database);
  process.exit(0);
} catch (error) {
  await failedToPrepare(run, packs, error);
  process.exit(1);
}
