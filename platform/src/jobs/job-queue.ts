import PgBoss from 'pg-boss';
import type { Knex } from 'knex';
import type { Logger } from '../core/logger.ts';
import type { JobOptions, JobSender } from '../core/ports.ts';
import { knexExecutor } from './knex-executor.ts';

export type JobHandler<T> = (data: T) => Promise<void>;

interface Registered {
  name: string;
  handler: JobHandler<unknown>;
  retryLimit: number;
  /** 'short': at most one job waits per singleton key (or at all), so repeated requests for the same recomputation coalesce. */
  policy: 'standard' | 'short';
}

/**
 * Background jobs and timers on pg-boss (PostgreSQL-backed, SKIP LOCKED, safe with several server
 * processes), in the platform's own database on PostgreSQL and PGlite alike. Jobs are written in the
 * caller's transaction, so a timer exists exactly when the state change that set it committed.
 */
export class JobQueue implements JobSender {
  private readonly boss: PgBoss;
  private readonly handlers: Registered[] = [];
  private started = false;
  private stopping = false;

  constructor(
    db: Knex,
    private readonly log: Logger,
    private readonly pollingSeconds = 2,
  ) {
    const executor = knexExecutor(db);
    // pg-boss records a job's outcome without waiting for it. Once the queue stops (and the pool may
    // close), an outcome that can no longer be written is logged rather than left an unhandled
    // rejection: the job, still active in the table, expires and runs again as its retries allow.
    const executeSql = async (text: string, values?: unknown[]) => {
      try {
        return await executor.executeSql(text, values);
      } catch (err) {
        if (!this.stopping) throw err;
        this.log.warn({ err }, 'job queue statement failed after the queue stopped');
        // pg-boss reads a missing result as "no job affected".
        return null;
      }
    };
    this.boss = new PgBoss({ db: { executeSql }, schema: 'pgboss', migrate: true, supervise: true, schedule: true } as unknown as PgBoss.ConstructorOptions);
    this.boss.on('error', (err: unknown) => this.log.error({ err }, 'job queue error'));
  }

  /** Handlers are registered before start (plugins register theirs in their register pass). */
  register<T>(name: string, handler: JobHandler<T>, options: { retryLimit?: number; policy?: 'standard' | 'short' } = {}): void {
    if (this.started) throw new Error(`Job handler '${name}' registered after the queue started.`);
    if (this.handles(name)) throw new Error(`A job handler named '${name}' is already registered.`);
    this.handlers.push({ name, handler: handler as JobHandler<unknown>, retryLimit: options.retryLimit ?? 3, policy: options.policy ?? 'standard' });
  }

  async start(): Promise<void> {
    this.stopping = false;
    await this.boss.start();
    for (const { name, handler, retryLimit, policy } of this.handlers) {
      await this.boss.createQueue(name, { name, retryLimit, retryBackoff: true, policy } as PgBoss.Queue);
      await this.boss.work(name, { pollingIntervalSeconds: this.pollingSeconds, batchSize: 1 } as PgBoss.WorkOptions, async (jobs: PgBoss.Job<unknown>[]) => {
        for (const job of jobs) await handler(job.data);
      });
    }
    this.started = true;
  }

  /** Sends the job on a cron schedule (UTC); one schedule per job name, replaced when set again. */
  async schedule(name: string, cron: string, data: object = {}): Promise<void> {
    if (!this.handles(name)) throw new Error(`No job handler named '${name}'.`);
    await this.boss.schedule(name, cron, data, { tz: 'UTC' });
  }

  async unschedule(name: string): Promise<void> {
    await this.boss.unschedule(name);
  }

  /** Whether a handler for these jobs exists (optional deliveries such as mail check first). */
  handles(name: string): boolean {
    return this.handlers.some((h) => h.name === name);
  }

  async send<T extends object>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    if (!this.handlers.some((h) => h.name === name)) throw new Error(`No job handler named '${name}'.`);
    const sendOptions: Record<string, unknown> = {};
    if (options.db) sendOptions.db = knexExecutor(options.db);
    if (options.startAfter) sendOptions.startAfter = options.startAfter;
    if (options.retryLimit !== undefined) sendOptions.retryLimit = options.retryLimit;
    if (options.singletonKey) sendOptions.singletonKey = options.singletonKey;
    await this.boss.send(name, data, sendOptions as PgBoss.SendOptions);
  }

  /** Whether the workers run. */
  get running(): boolean {
    return this.started;
  }

  /** Jobs waiting to run (due or not), and how long the oldest due one has waited, in seconds. */
  async backlog(db: Knex): Promise<{ waiting: number; oldestDueSeconds: number }> {
    const { rows } = await db.raw(
      `SELECT count(*)::int AS waiting,
              coalesce(extract(epoch FROM now() - min(start_after) FILTER (WHERE start_after <= now())), 0)::float AS oldest
         FROM pgboss.job WHERE state IN ('created', 'retry')`,
    );
    return { waiting: rows[0].waiting, oldestDueSeconds: rows[0].oldest };
  }

  /**
   * Stops taking jobs. With `graceful`, jobs already running may finish within `timeoutMs`; a job still
   * running then is failed, so it runs again (its retries allowing) on a process that is up.
   */
  async stop(options: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
    if (!this.started) return;
    this.stopping = true;
    await this.boss.stop({ graceful: options.graceful ?? false, wait: true, timeout: options.timeoutMs ?? 30_000 } as PgBoss.StopOptions);
    this.started = false;
  }
}
