import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { OperationError } from './operation-error.ts';

export type PostgresTool = 'pg_dump' | 'pg_restore';

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

/** Runs a PostgreSQL client tool; a failure becomes an OperationError carrying the tool's own messages. */
export async function runPostgresTool(tool: PostgresTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const file = findPostgresTool(tool);
  const stderr = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (chunk) => (text += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, text }));
  });
  if (stderr.code !== 0) throw new OperationError(`${tool} failed (exit code ${stderr.code}):\n${stderr.text.trim()}`);
}
