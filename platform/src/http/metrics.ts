import { timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { RequestHandler, Router } from 'express';
import express from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { readReplicaFallbacks, workflowMoves } from '../core/observers.ts';
import type { ReadReplica } from '../core/read-replica.ts';
import type { Logger } from '../core/logger.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { SnapshotHolder } from '../metadata/metadata-store.ts';

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

export interface Metrics {
  /** Times every request and counts it by route template and status. */
  requests: RequestHandler;
  /** `GET /metrics` in the Prometheus text format, for the bearer of the configured token. */
  route: Router;
  /** Records an error answered with this code (the error middleware calls it). */
  error(code: string): void;
  close(): void;
}

/**
 * The route template a request matched (`/api/records/:object/:id`), never its values. Routers are
 * mounted at literal paths, so the mount is the request's path less as many segments as the route has
 * (`req.baseUrl` is no help here: an error leaving a router has already reset it).
 */
function routeOf(req: express.Request): string {
  const route = req.route?.path;
  if (typeof route !== 'string') return req.originalUrl.startsWith('/api/') ? '/api/unmatched' : 'static';
  const own = route.split('/').filter(Boolean);
  const path = req.originalUrl.split('?')[0].split('/').filter(Boolean);
  const mount = path.slice(0, Math.max(0, path.length - own.length));
  return `/${[...mount, ...own].join('/')}`;
}

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The process's Prometheus metrics: request rate and latency by route template, errors by code, the
 * job queue's depth and age, workflow moves, the database pool, the metadata version and, with a read
 * replica, whether heavy reads use it.
 */
export function createMetrics(options: { db: Knex; jobs: JobQueue; holder: SnapshotHolder; log: Logger; token: string | undefined; readReplica?: ReadReplica }): Metrics {
  const { db, jobs, holder, log, token, readReplica } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'tessera_http_requests_total', help: 'HTTP requests answered, by method, route template and status.', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'tessera_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template.',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({ name: 'tessera_http_errors_total', help: 'Error answers, by error code.', labelNames: ['code'], registers: [registry] });
  const moves = new Counter({ name: 'tessera_workflow_transitions_total', help: 'Workflow instances moved to another state, by workflow and target state.', labelNames: ['workflow', 'to'], registers: [registry] });
  const stopMoves = workflowMoves.on((m) => moves.inc({ workflow: m.workflow, to: m.to }));
  new Gauge({
    name: 'tessera_jobs_waiting',
    help: 'Background jobs waiting to run.',
    registers: [registry],
    async collect() {
      try {
        const backlog = await jobs.backlog(db);
        this.set(backlog.waiting);
        oldest.set(backlog.oldestDueSeconds);
      } catch (err) {
        log.warn({ err }, 'job queue backlog unavailable for metrics');
      }
    },
  });
  const oldest = new Gauge({ name: 'tessera_jobs_oldest_due_seconds', help: 'How long the oldest due job has waited to run.', registers: [registry] });
  const pool = () => (db.client as { pool?: TarnPool }).pool;
  new Gauge({
    name: 'tessera_db_pool_connections',
    help: 'Database connections of this process by state (used, free, pending acquires, max).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const p = pool();
      if (!p) return;
      this.set({ state: 'used' }, p.numUsed());
      this.set({ state: 'free' }, p.numFree());
      this.set({ state: 'pending' }, p.numPendingAcquires());
      this.set({ state: 'max' }, p.max);
    },
  });
  new Gauge({
    name: 'tessera_metadata_version',
    help: 'The metadata version this process serves.',
    registers: [registry],
    collect() {
      this.set(holder.snapshot.version);
    },
  });

  const stopFallbacks = readReplica ? replicaMetrics(readReplica, registry) : () => {};

  const route = express.Router();
  route.get('/metrics', async (req, res) => {
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token) throw createError('NOT_FOUND', msg('http.metricsOff'));
    if (!bearer || !sameToken(bearer, token)) throw createError('UNAUTHENTICATED', msg('http.metricsToken'));
    res.type(registry.contentType).send(await registry.metrics());
  });

  return {
    requests(req, res, next) {
      const end = latency.startTimer();
      res.once('finish', () => {
        const labels = { method: req.method, route: routeOf(req) };
        end(labels);
        requests.inc({ ...labels, status: String(res.statusCode) });
      });
      next();
    },
    route,
    error(code) {
      errors.inc({ code });
    },
    close() {
      stopMoves();
      stopFallbacks();
    },
  };
}

/** The read replica's metrics; returns a function that stops counting. */
function replicaMetrics(replica: ReadReplica, registry: Registry): () => void {
  new Gauge({
    name: 'tessera_read_replica_up',
    help: 'Whether heavy reads (reports, exports, dashboards, analyses) go to the read replica (1) or, while it is down, to the primary (0).',
    registers: [registry],
    collect() {
      this.set(replica.up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tessera_read_replica_lag_seconds',
    help: 'How far the read replica\'s replay is behind: the age of the last transaction it replayed, 0 when it has replayed all it received.',
    registers: [registry],
    async collect() {
      // NaN, Prometheus's "unknown", while the replica does not answer.
      this.set((await replica.lagSeconds()) ?? Number.NaN);
    },
  });
  const fallbacks = new Counter({
    name: 'tessera_read_replica_fallbacks_total',
    help: 'Heavy reads the primary served instead of the read replica, by reason: the replica was down, or had not yet replayed what the read needs.',
    labelNames: ['reason'],
    registers: [registry],
  });
  return readReplicaFallbacks.on((f) => fallbacks.inc({ reason: f.reason }));
}
