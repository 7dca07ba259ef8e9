import express, { type Router } from 'express';
import type { Knex } from 'knex';
import { migrationSource } from '../../../migrations/index.ts';
import type { Logger } from '../core/logger.ts';
import type { JobQueue } from '../jobs/job-queue.ts';

type Check = 'ok' | 'failed';

export interface Readiness {
  status: 'ready' | 'not_ready' | 'draining';
  /** Each check's verdict; a draining process answers without checking. */
  checks?: { database: Check; jobs: Check; migrations: Check };
}

/**
 * `GET /health`: the process answers (liveness). `GET /ready`: it can serve — the database answers,
 * the job workers run, no migration is pending, and it is not shutting down. Both unauthenticated,
 * JSON, with no internals: a failed check says only that it failed (the log says why).
 */
export function healthRoutes(options: { db: Knex; jobs: JobQueue; log: Logger; draining: () => boolean }): Router {
  const { db, jobs, log, draining } = options;
  const router = express.Router();
  const noStore = (res: express.Response) => res.set('cache-control', 'no-store');
  let migrated = false;

  router.get('/health', (_req, res) => {
    noStore(res).json({ status: 'ok' });
  });

  router.get('/ready', async (_req, res) => {
    // A process shutting down says so at once: its database may be busy finishing work, and a load
    // balancer must learn it before the process stops taking connections.
    if (draining()) {
      noStore(res).status(503).json({ status: 'draining' } satisfies Readiness);
      return;
    }
    const attempt = async (name: string, check: () => Promise<boolean>): Promise<Check> => {
      try {
        return (await check()) ? 'ok' : 'failed';
      } catch (err) {
        log.warn({ err, check: name }, 'readiness check failed');
        return 'failed';
      }
    };
    const [database, migrations] = await Promise.all([
      attempt('database', async () => (await db.raw('SELECT 1 AS ok')).rows?.[0]?.ok === 1),
      attempt('migrations', async () => {
        // This process's migrations cannot become pending again once applied: asked until they are, then known.
        if (migrated) return true;
        const [, pending] = (await db.migrate.list({ migrationSource })) as [unknown[], unknown[]];
        migrated = pending.length === 0;
        return migrated;
      }),
    ]);
    const checks = { database, jobs: jobs.running ? ('ok' as const) : ('failed' as const), migrations };
    const healthy = Object.values(checks).every((c) => c === 'ok');
    noStore(res).status(healthy ? 200 : 503).json({ status: healthy ? 'ready' : 'not_ready', checks } satisfies Readiness);
  });
  return router;
}
