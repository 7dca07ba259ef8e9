import fs from 'node:fs';
import pg from 'pg';

/**
 * Where the CPU went during a measured window, in cores (CPU seconds per second): the Tessera
 * processes, the PostgreSQL backends serving the bench database, this load-generating process, and
 * the whole machine (which includes everyone else's work: the noise in a shared machine's figures).
 * Linux only: it reads /proc, and the database must run on this machine.
 */
export interface CpuUse {
  tessera: number;
  postgres: number;
  client: number;
  machineBusy: number;
  cores: number;
  /** Transactions committed in the bench database per second. */
  commitsPerSecond: number;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on every Linux that matters here). */
const TICKS_PER_SECOND = 100;

/** utime + stime, in ticks, from the text of /proc/<pid>/stat. */
export function ticksOfStat(stat: string): number {
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** utime + stime of a process in ticks, or undefined once it is gone. */
function processTicks(pid: number): number | undefined {
  try {
    return ticksOfStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } {
  const [cpu] = fs.readFileSync('/proc/stat', 'utf8').split('\n');
  const values = cpu.trim().split(/\s+/).slice(1).map(Number);
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0); // user..steal; guest is inside user
  const idle = values[3] + values[4]; // idle + iowait
  return { busy: total - idle, total };
}

interface Reading {
  at: number;
  tessera: Map<number, number>;
  backends: Map<number, number>;
  client: NodeJS.CpuUsage;
  machine: { busy: number; total: number };
  commits: number;
}

export class CpuMeter {
  private constructor(
    private readonly database: pg.Client,
    private readonly databaseName: string,
    private readonly cores: number,
  ) {}

  static async open(databaseUrl: string, cores: number): Promise<CpuMeter> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'tessera-bench meter' });
    await client.connect();
    return new CpuMeter(client, new URL(databaseUrl).pathname.slice(1), cores);
  }

  async close(): Promise<void> {
    await this.database.end();
  }

  /** Starts a window over these Tessera processes; the returned function ends it. */
  async start(tesseraPids: readonly number[]): Promise<() => Promise<CpuUse>> {
    const first = await this.read(tesseraPids);
    return async () => {
      const last = await this.read(tesseraPids);
      const seconds = (last.at - first.at) / 1000;
      const cores = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
      // A backend that connected during the window spent all its CPU inside it.
      const grown = (before: Map<number, number>, after: Map<number, number>) =>
        [...after].reduce((sum, [pid, ticks]) => sum + ticks - (before.get(pid) ?? 0), 0);
      const machine = { busy: last.machine.busy - first.machine.busy, total: last.machine.total - first.machine.total };
      return {
        tessera: cores(grown(first.tessera, last.tessera)),
        postgres: cores(grown(first.backends, last.backends)),
        client: (last.client.user + last.client.system - first.client.user - first.client.system) / 1e6 / seconds,
        machineBusy: machine.total > 0 ? (machine.busy / machine.total) * this.cores : 0,
        cores: this.cores,
        commitsPerSecond: (last.commits - first.commits) / seconds,
      };
    };
  }

  private async read(tesseraPids: readonly number[]): Promise<Reading> {
    // pg_stat_database's counters are a snapshot per transaction: clear it to read the current value.
    await this.database.query('SELECT pg_stat_clear_snapshot()');
    const [backends, commits] = await Promise.all([
      this.database.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [this.databaseName]),
      this.database.query<{ commits: string }>('SELECT xact_commit::text AS commits FROM pg_stat_database WHERE datname = $1', [this.databaseName]),
    ]);
    const ticksOf = (pids: readonly number[]) =>
      new Map(pids.flatMap((pid) => {
        const ticks = processTicks(pid);
        return ticks === undefined ? [] : [[pid, ticks] as const];
      }));
    return {
      at: performance.now(),
      tessera: ticksOf(tesseraPids),
      backends: ticksOf(backends.rows.map((r) => r.pid)),
      client: process.cpuUsage(),
      machine: machineTicks(),
      commits: Number(commits.rows[0]?.commits ?? 0),
    };
  }
}
