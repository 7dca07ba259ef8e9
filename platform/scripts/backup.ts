/**
 * `npm run backup -- [--out <file or folder>]`: backs up the database the server is configured with
 * (DATABASE_URL, else the embedded database in DATA_DIR). See docs/backups.md.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/core/config.ts';
import { backupPath } from './backups/backup-file.ts';
import { backupEmbedded } from './backups/embedded-backup.ts';
import { OperationError, runCommand } from './backups/operation-error.ts';
import { backupPostgres } from './backups/postgres-backup.ts';

await runCommand(async () => {
  const { values } = parseOptions();
  const config = loadConfig();
  const kind = config.databaseUrl ? 'postgres' : 'embedded';
  const file = backupPath(kind, values.out);
  const { bytes } = config.databaseUrl ? await backupPostgres(config.databaseUrl, file) : await backupEmbedded(config.dataDir, file);
  const from = config.databaseUrl ? 'the PostgreSQL database' : `the embedded database in ${config.dataDir}`;
  console.log(`Backed up ${from} to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB).`);
});

function parseOptions() {
  try {
    return parseArgs({ options: { out: { type: 'string' } }, allowPositionals: false });
  } catch (err) {
    throw new OperationError(`${(err as Error).message}\nUsage: npm run backup -- [--out <file or folder>]`);
  }
}
