import type { Knex } from 'knex';
import { withDb, type Ctx } from './ctx.ts';
import type { Logger } from './logger.ts';
import { readReplicaFallbacks } from './observers.ts';

// Errors that say the replica cannot be reached or is not serving: its address refuses or times out,
// its connection dropped (a restart), it is starting up or shutting down, or it has no connection left.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03', '53300']);
const UNREACHABLE_MESSAGES = /Connection terminated|timeout expired|not queryable|Timeout acquiring a connection/i;

// Errors that say the replica has not yet replayed what the primary's metadata already knows (a new
// object's table, a new field's column) or that replay cancelled the statement: the primary answers.
const BEHIND_CODES = new Set(['42P01', '42703', '40001']);

interface DatabaseFailure {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

function failureOf(err: unknown, test: (failure: DatabaseFailure) => boolean): boolean {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as DatabaseFailure).cause, depth++) {
    if (test(e as DatabaseFailure)) return true;
  }
  return false;
}

export const isUnreachable = (err: unknown): boolean =>
  failureOf(err, (e) => (typeof e.code === 'string' && (UNREACHABLE_CODES.has(e.code) || e.code.startsWith('08'))) || e.name === 'KnexTimeoutError' || (typeof e.message === 'string' && UNREACHABLE_MESSAGES.test(e.message)));

const isBehind = (err: unknown): boolean => failureOf(err, (e) => typeof e.code === 'string' && BEHIND_CODES.has(e.code));

export interface ReadReplicaOptions {
  /** While the replica is down, how often it is asked again whether it answers. */
  retryMs: number;
}

/**
 * A streaming replica of the primary database for heavy reads (reports, exports, dashboards,
 * analyses). A read the replica cannot serve because it is unreachable is served by the primary;
 * the replica then counts as down (one warning per outage) and is asked every `retryMs` with
 * `SELECT 1` in the background, heavy reads going to the primary meanwhile, until it answers again.
 */
export class ReadReplica {
  private downSince: number | null = null;
  private probe: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly db: Knex,
    private readonly log: Logger,
    private readonly options: ReadReplicaOptions = { retryMs: 5000 },
  ) {}

  /** Whether heavy reads go to the replica now. */
  get up(): boolean {
    return this.downSince === null;
  }

  /** Runs `work` on the replica, or on `primary` while the replica is down or when it fails to answer. */
  async read<T>(primary: Knex, work: (db: Knex) => Promise<T>): Promise<T> {
    if (!this.up) {
      readReplicaFallbacks.emit({ reason: 'down' });
      return work(primary);
    }
    try {
      return await work(this.db);
    } catch (err) {
      if (isUnreachable(err)) {
        this.markDown(err);
        readReplicaFallbacks.emit({ reason: 'down' });
        return work(primary);
      }
      if (isBehind(err)) {
        readReplicaFallbacks.emit({ reason: 'behind' });
        return work(primary);
      }
      throw err;
    }
  }

  /** The replica's replay lag in seconds (0 when it has replayed everything it received), or null when it does not answer. */
  async lagSeconds(): Promise<number | null> {
    if (!this.up) return null;
    try {
      const { rows } = await this.db.raw(`SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
        ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END AS lag`);
      const lag = rows[0]?.lag;
      return lag === null || lag === undefined ? null : Number(lag);
    } catch {
      return null;
    }
  }

  private markDown(err: unknown): void {
    if (this.downSince !== null || this.closed) return;
    this.downSince = Date.now();
    this.log.warn({ err, retryMs: this.options.retryMs }, 'read replica unreachable: heavy reads use the primary until it answers again');
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    this.probe = setTimeout(() => {
      this.probe = null;
      this.db.raw('SELECT 1').then(
        () => {
          if (this.closed || this.downSince === null) return;
          this.log.info({ downMs: Date.now() - this.downSince }, 'read replica answers again: heavy reads use it');
          this.downSince = null;
        },
        () => {
          if (!this.closed) this.scheduleProbe();
        },
      );
    }, this.options.retryMs);
    this.probe.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.probe) clearTimeout(this.probe);
    await this.db.destroy();
  }
}

/**
 * Runs a heavy read (a report, an export, a dashboard, an analysis's source rows) on the read replica
 * when the context has one, with the same scoped queries: the caller's row scope is applied in SQL
 * there as on the primary. Inside a transaction the read stays in it, since it may need to see the
 * transaction's own writes. The context `work` gets has no replica, so nothing in it switches again.
 */
export function heavyRead<T>(ctx: Ctx, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  const replica = ctx.readReplica;
  if (!replica || ctx.db.isTransaction) return work(ctx);
  return replica.read(ctx.db, (db) => work({ ...withDb(ctx, db), readReplica: undefined }));
}
