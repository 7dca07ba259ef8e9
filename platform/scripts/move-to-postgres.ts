/**
 * `npm run move-to-postgres -- <postgres://url>`: copies the embedded installation in DATA_DIR into
 * the empty PostgreSQL database at the URL, compares every table's row count and prints them. The
 * embedded database is left as it was. See docs/backups.md.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/core/config.ts';
import { OperationError, runCommand } from './backups/operation-error.ts';
import { moveToPostgres } from './backups/move-to-postgres.ts';

const USAGE = 'Usage: npm run move-to-postgres -- <postgres://user:password@host:port/database>';

await runCommand(async () => {
  const { positionals } = parseOptions();
  if (positionals.length !== 1) throw new OperationError(`Name the PostgreSQL database to move to.\n${USAGE}`);
  const config = loadConfig();
  const started = Date.now();
  const summary = await moveToPostgres(config.dataDir, positionals[0], (line) => console.log(line));
  const width = Math.max(...summary.tables.map((t) => t.table.length), 5);
  console.log(`\n${'table'.padEnd(width)}  ${'embedded'.padStart(9)}  ${'postgres'.padStart(9)}`);
  for (const t of summary.tables) console.log(`${t.table.padEnd(width)}  ${String(t.source).padStart(9)}  ${String(t.target).padStart(9)}${t.source === t.target && t.sameRows ? '' : '  DIFFERENT'}`);
  const differing = summary.tables.filter((t) => t.source !== t.target || !t.sameRows);
  const rows = summary.tables.reduce((sum, t) => sum + t.target, 0);
  if (differing.length > 0) throw new OperationError(`${differing.length} table(s) differ after the move: ${differing.map((t) => t.table).join(', ')}.`);
  console.log(`\nMoved ${summary.tables.length} tables (${rows} rows) and ${summary.sequences} sequences in ${((Date.now() - started) / 1000).toFixed(1)} s; every table's rows match.`);
  console.log('Start the server with DATABASE_URL set to this database.');
});

function parseOptions() {
  try {
    return parseArgs({ options: {}, allowPositionals: true });
  } catch (err) {
    throw new OperationError(`${(err as Error).message}\n${USAGE}`);
  }
}
