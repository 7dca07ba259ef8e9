import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// A PostgreSQL 15 primary and a streaming replica of it, each a server of its own in a temporary
// folder, for tests of the read replica. The shared server on 5432 does not take replication
// connections (its pg_hba.conf has no `replication` line) and a base backup of it would copy every
// database on it, so the test makes its own primary with initdb, whose default pg_hba.conf lets
// 127.0.0.1 replicate. PostgreSQL refuses to run as root: as root, every command runs as the
// `postgres` user (runuser) in a folder that user owns. Ports come from 55400–55499.

const BIN = '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

export interface ReplicatedPostgres {
  /** The primary's `postgres` database. */
  primaryUrl: string;
  /** The same database on the replica. */
  replicaUrl: string;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops both servers (at once) and removes the folder; safe to call after a failed start. */
  destroy(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

/** Every cluster started and not yet destroyed, so that a test whose start timed out still cleans up. */
const live = new Set<() => Promise<void>>();

/** Destroys every cluster this process started (also one whose start has not finished). */
export async function destroyEveryReplicatedPostgres(): Promise<void> {
  for (const destroy of [...live]) await destroy();
}

/** Runs a PostgreSQL program as the user that may run the server. */
async function pgCommand(program: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, program), ...args]] : [path.join(BIN, program), args];
  try {
    await run(file, argv, { timeout: 30_000 });
  } catch (err) {
    const { stderr = '', stdout = '' } = err as { stderr?: string; stdout?: string };
    throw new Error(`${program} ${args.join(' ')} failed: ${String(err)}\n${stdout}${stderr}`, { cause: err });
  }
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/** Two free ports in 55400–55499, tried from a random place so that tests running at once do not collide. */
async function twoPorts(): Promise<[number, number]> {
  const start = Math.floor(Math.random() * 100);
  const found: number[] = [];
  for (let i = 0; i < 100 && found.length < 2; i++) {
    const port = 55400 + ((start + i) % 100);
    if (await portFree(port)) found.push(port);
  }
  if (found.length < 2) throw new Error('no two free ports in 55400–55499');
  return [found[0], found[1]];
}

const serverSettings = (port: number, socketDir: string) => `
port = ${port}
listen_addresses = '127.0.0.1'
unix_socket_directories = '${socketDir}'
max_connections = 40
shared_buffers = 16MB
fsync = off
hot_standby = on
logging_collector = off
`;

export async function startReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-replica-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    fs.chownSync(folder, uid, gid);
  }
  const primary = path.join(folder, 'primary');
  const replica = path.join(folder, 'replica');
  const started = new Set<string>();
  const start = async (dir: string) => {
    // Counted as started first: a start that times out may still bring the server up.
    started.add(dir);
    await pgCommand('pg_ctl', ['start', '-w', '-t', '30', '-D', dir, '-l', `${dir}.log`]);
  };
  const stop = async (dir: string, mode: 'fast' | 'immediate') => {
    if (!started.has(dir)) return;
    await pgCommand('pg_ctl', ['stop', '-w', '-t', '30', '-m', mode, '-D', dir]);
    started.delete(dir);
  };
  const destroy = async () => {
    live.delete(destroy);
    for (const dir of [replica, primary]) await stop(dir, 'immediate').catch(() => undefined);
    fs.rmSync(folder, { recursive: true, force: true });
  };
  live.add(destroy);
  try {
    const [primaryPort, replicaPort] = await twoPorts();
    await pgCommand('initdb', ['-D', primary, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    fs.appendFileSync(path.join(primary, 'postgresql.conf'), serverSettings(primaryPort, folder));
    await start(primary);
    // -R writes the replica's primary_conninfo and standby.signal; -X stream copies the WAL written meanwhile.
    await pgCommand('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replica, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    fs.appendFileSync(path.join(replica, 'postgresql.conf'), `port = ${replicaPort}\n`);
    await start(replica);
    return {
      primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
      replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
      stopReplica: () => stop(replica, 'fast'),
      startReplica: () => start(replica),
      destroy,
    };
  } catch (err) {
    await destroy();
    throw err;
  }
}
