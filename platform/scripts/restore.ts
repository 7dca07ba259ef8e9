/**
 * `npm run restore -- <backup file> [--force]`: restores a backup into the database the server is
 * configured with (DATABASE_URL, else DATA_DIR), which must be empty unless --force. The backup's
 * kind must match: an embedded backup goes into a data directory, a PostgreSQL one into PostgreSQL.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/core/config.ts';
import { readBackupKind } from './backups/backup-file.ts';
import { restoreEmbedded } from './backups/embedded-backup.ts';
import { OperationError, runCommand } from './backups/operation-error.ts';
import { restorePostgres } from './backups/postgres-backup.ts';

const USAGE = 'Usage: npm run restore -- <backup file> [--force]';

await runCommand(async () => {
  const { values, positionals } = parseOptions();
  if (positionals.length !== 1) throw new OperationError(`Name one backup file.\n${USAGE}`);
  const file = positionals[0];
  const force = Boolean(values.force || values.clean);
  const config = loadConfig();
  const kind = readBackupKind(file);
  if (kind === 'embedded') {
    if (config.databaseUrl) throw new OperationError(`${file} is an embedded database backup: restore it with DATABASE_URL unset (into DATA_DIR), then use npm run move-to-postgres to move it to PostgreSQL.`);
    await restoreEmbedded(file, config.dataDir, { force });
    console.log(`Restored ${file} into ${config.dataDir}.`);
  } else {
    if (!config.databaseUrl) throw new OperationError(`${file} is a PostgreSQL backup (pg_dump): set DATABASE_URL to the database to restore it into.`);
    await restorePostgres(file, config.databaseUrl, { clean: force });
    console.log(`Restored ${file} into the PostgreSQL database.`);
  }
});

function parseOptions() {
  try {
    return parseArgs({ options: { force: { type: 'boolean' }, clean: { type: 'boolean' } }, allowPositionals: true });
  } catch (err) {
    throw new OperationError(`${(err as Error).message}\n${USAGE}`);
  }
}
