import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { OperationError } from './operation-error.ts';

export type PostgresTool = 'pg_dump' | 'pg_restore' | 'psql';

const DEBIAN_VERSIONS_DIR = '/usr/lib/postgresql';

/** The tool's path: on PATH first, else the newest of Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresTool(tool: PostgresTool, env: NodeJS.ProcessEnv = process.env): string {
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, tool));
  const versions = fs.existsSync(DEBIAN_VERSIONS_DIR)
    ? fs.readdirSync(DEBIAN_VERSIONS_DIR).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [...onPath, ...versions.map((v) => path.join(DEBIAN_VERSIONS_DIR, v, 'bin', tool))];
  const found = candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
  if (!found) throw new OperationError(`${tool} was not found on PATH nor in ${DEBIAN_VERSIONS_DIR}/*/bin. Install the PostgreSQL client tools (Debian: apt-get install postgresql-client).`);
  return found;
}

/**
 * The URL without its password, and the environment that carries the password instead, so that it
 * never shows in the process list.
 */
export function connectionArguments(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OperationError(`'${url}' is not a postgres:// URL.`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new OperationError(`'${url}' is not a postgres:// URL.`);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}

interface ToolRun {
  tool: PostgresTool;
  code: number | null;
  messages: string;
}

function start(tool: PostgresTool, args: string[], env: NodeJS.ProcessEnv, stdio: ['ignore' | 'pipe', 'ignore' | 'pipe']) {
  const child = spawn(findPostgresTool(tool), args, { env, stdio: [...stdio, 'pipe'] });
  let messages = '';
  child.stderr!.on('data', (chunk) => (messages += chunk));
  const done = new Promise<ToolRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ tool, code, messages }));
  });
  return { child, done };
}

const failure = (run: ToolRun) => new OperationError(`${run.tool} failed (exit code ${run.code}):\n${run.messages.trim()}`);

/** Runs a PostgreSQL client tool; a failure becomes an OperationError carrying the tool's own messages. */
export async function runPostgresTool(tool: PostgresTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const run = await start(tool, args, env, ['ignore', 'ignore']).done;
  if (run.code !== 0) throw failure(run);
}

/**
 * Runs `first` SQL, then the SQL script pg_restore writes for the archive, through psql in one
 * transaction that stops at the first error: all of it happens, or none.
 */
export async function runRestoreScript(first: string, restoreArgs: string[], psqlArgs: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const psql = start('psql', ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', ...psqlArgs], env, ['pipe', 'ignore']);
  const restore = start('pg_restore', ['--file=-', ...restoreArgs], env, ['ignore', 'pipe']);
  psql.child.stdin!.on('error', () => undefined);
  psql.child.stdin!.write(`${first}\n`);
  // psql commits when its input ends: it ends only once pg_restore has written the whole script.
  restore.child.stdout!.pipe(psql.child.stdin!, { end: false });
  const restored = await restore.done;
  if (restored.code === 0) psql.child.stdin!.end();
  else psql.child.kill('SIGTERM');
  const applied = await psql.done;
  if (restored.code !== 0) throw failure(restored);
  if (applied.code !== 0) throw failure(applied);
}
