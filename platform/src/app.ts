import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Knex } from 'knex';
import { migrationSource } from '../../migrations/index.ts';
import { bootstrapAdmin } from './organisation/bootstrap-admin.ts';
import { SessionStore } from './auth/session-store.ts';
import { loadServerSecret } from './auth/csrf.ts';
import { connectDatabase, isEmbedded } from './core/database.ts';
import { ReadReplica } from './core/read-replica.ts';
import { createError } from './core/errors.ts';
import { createLogger, type Logger } from './core/logger.ts';
import type { Config } from './core/config.ts';
import { SnapshotHolder, loadSnapshot } from './metadata/metadata-store.ts';
import { adminRoleRoutes } from './http/admin-role-routes.ts';
import { adminMetricsRoutes } from './http/admin-metrics-routes.ts';
import { adminOrganisationRoutes } from './http/admin-organisation-routes.ts';
import { authRoutes } from './http/auth-routes.ts';
import { errorMiddleware } from './http/error-middleware.ts';
import { isImportUpload } from './http/import-export-routes.ts';
import { configTransferRoutes, isConfigImport } from './http/config-transfer-routes.ts';
import { metaRoutes } from './http/meta-routes.ts';
import { permissionRoutes } from './http/permission-routes.ts';
import { workflowMetaRoutes } from './http/workflow-meta-routes.ts';
import { notificationRoutes, taskRoutes } from './http/workflow-routes.ts';
import { recordRoutes } from './http/record-routes.ts';
import { recycleBinRoutes } from './http/recycle-bin-routes.ts';
import { requireUser, type Services } from './http/request-context.ts';
import { requestId } from './http/request-id.ts';
import { portalGate } from './http/portal-gate.ts';
import { uiSessionRoutes } from './http/ui-session-routes.ts';
import { uiDirectoryRoutes } from './http/ui-directory-routes.ts';
import { uiCheckRoutes } from './http/ui-check-routes.ts';
import { uiRecentRoutes } from './http/ui-recent-routes.ts';
import { createHttpServer } from './http/create-http-server.ts';
import { securityHeaders } from './http/security-headers.ts';
import { installApiResponses } from './http/json-response.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { kindDefinitionRoutes } from './http/kind-definition-routes.ts';
import { calendarKind } from './definitions/calendar-store.ts';
import { calendarDueRoutes } from './http/calendar-due-routes.ts';
import { packRoutes } from './http/pack-routes.ts';
import { savedViewRoutes } from './http/saved-view-routes.ts';
import { searchRoutes } from './http/search-routes.ts';
import { DEFAULT_PACK_DIR, discoverPacks } from './plugins/pack-catalog.ts';
import { PluginHost } from './plugins/plugin-host.ts';
import { installInitialPacks } from './plugins/initial-packs.ts';
import { systemContext } from './core/ctx.ts';
import { Mailer, SEND_MAIL_JOB, type MailJob } from './jobs/mailer.ts';
import { portalSignUpRoutes } from './http/portal-sign-up-routes.ts';
import { portalUiRoutes } from './http/portal-ui-routes.ts';
import { handleTimeout } from './workflow/timeouts.ts';
import { SLA_SWEEP_CRON, SLA_SWEEP_JOB, sweepSlas } from './workflow/sla-sweep.ts';
import { recordWorkflowPort } from './workflow/record-workflow-port.ts';
import { WORKFLOW_WEBHOOK_JOB, deliverWebhook, type WebhookJob } from './workflow/webhooks.ts';
import { WORKFLOW_TIMEOUT_JOB, type TimeoutJob } from './workflow/transition-step.ts';
import { msg } from './core/messages/message.ts';
import { logSlowQueries } from './core/slow-query-log.ts';
import { backgroundWorkSettled } from './core/background-work.ts';
import { healthRoutes } from './http/health-routes.ts';
import { createMetrics } from './http/metrics.ts';
import { apiDocsRoutes, openApiRoutes } from './http/openapi-routes.ts';
import { listenForChanges, type Change } from './core/change-bus.ts';

const uiDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ui/dist');

export interface Tessera {
  app: Express;
  /** Starts serving; resolves once the port is bound. */
  listen(port: number, host?: string): Promise<Server>;
  db: Knex;
  services: Services;
  log: Logger;
  /**
   * Stops gracefully (SIGTERM): `/ready` says draining (for the configured drain time the process
   * still serves), then the servers take no new connections, requests in flight finish, work left
   * running by requests (imports) and running jobs finish (within the configured time), and
   * everything closes.
   */
  shutdown(): Promise<void>;
  close(): Promise<void>;
  /** Breaches the SLAs past due on the app's clock now (the scheduled sweep does it every minute); returns how many. */
  sweepSlas(): Promise<number>;
}

export interface TesseraOptions {
  config: Config;
  /** An already connected database (tests); otherwise one is made from the config. */
  db?: Knex;
  log?: Logger;
  /** The wall clock of the login level (lockouts, allowed hours) and of workflow SLAs and calendar timers; tests replace it. */
  now?: () => Date;
  /** Process environment the packs read their settings from (TESSERA_<PACK>_<KEY>). */
  env?: NodeJS.ProcessEnv;
}

export async function createTessera({ config, db: given, log: givenLog, now = () => new Date(), env = process.env }: TesseraOptions): Promise<Tessera> {
  const log = givenLog ?? createLogger(config.logLevel);
  if (config.databaseReadUrl && (given ? isEmbedded(given) : !config.databaseUrl)) {
    throw new Error('DATABASE_READ_URL names a read replica of a PostgreSQL server, but the database is the embedded one (DATABASE_URL is unset): set DATABASE_URL to the primary server, or unset DATABASE_READ_URL.');
  }
  const db = given ?? connectDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  // Heavy reads (reports, exports, dashboards, analyses) go to the replica; a short connect timeout lets them fall back soon when it is down.
  const readReplica = config.databaseReadUrl
    ? new ReadReplica(connectDatabase({ url: config.databaseReadUrl, applicationName: 'tessera heavy reads', connectTimeoutMs: 3000, log }), log, { retryMs: config.databaseReadRetrySeconds * 1000 })
    : undefined;
  await db.migrate.latest({ migrationSource });
  const stopSlowQueryLog = logSlowQueries(db, log, config.slowQueryMs);
  const stopReplicaSlowQueryLog = readReplica ? logSlowQueries(readReplica.db, log.child({ database: 'read replica' }), config.slowQueryMs) : () => {};
  const { created: freshDatabase } = await bootstrapAdmin(db, config.adminPassword, log);
  const holder = new SnapshotHolder(db, await loadSnapshot(db));
  // Change notices bring other processes' changes at once; the version check is the net under them.
  holder.watch(5000, (err) => log.warn({ err }, 'metadata refresh failed'));
  const jobs = new JobQueue(db, log, config.jobPollingSeconds);
  const mailer = config.smtpUrl ? new Mailer(config.smtpUrl, config.mailFrom, log) : null;
  const plugins = new PluginHost(discoverPacks([DEFAULT_PACK_DIR, ...config.packDirs]), { db, holder, jobs, log, env, readReplica, mailer, mailFrom: config.mailFrom, publicRateLimit: config.publicRateLimit });
  await plugins.registerAll();
  const workflowBase = () => ({ db, schema: holder.snapshot, log, jobs, workflow: recordWorkflowPort, registry: plugins.registrations, now });
  jobs.register<TimeoutJob>(WORKFLOW_TIMEOUT_JOB, (job) => handleTimeout(job, workflowBase()));
  jobs.register(SLA_SWEEP_JOB, () => sweepSlas(workflowBase()).then(() => undefined));
  jobs.register<WebhookJob>(WORKFLOW_WEBHOOK_JOB, (job) => deliverWebhook(job, log), { retryLimit: 5 });
  if (mailer) jobs.register<MailJob>(SEND_MAIL_JOB, (mail) => mailer.deliver(mail), { retryLimit: 5 });
  await jobs.start();
  await jobs.schedule(SLA_SWEEP_JOB, SLA_SWEEP_CRON);
  await plugins.bootInstalled();
  if (freshDatabase) await installInitialPacks(plugins, config, systemContext({ db, schema: holder.snapshot, log, jobs, hooks: plugins, workflow: recordWorkflowPort, registry: plugins.registrations }), log);
  const serverSecret = await loadServerSecret(db);
  const sessions = new SessionStore(db, config.tokenTtlSeconds, serverSecret, now);
  const refreshFailed = (err: unknown) => log.warn({ err }, 'metadata refresh failed');
  const changes = await listenForChanges(db, {
    onChange(change: Change) {
      if (change.kind === 'user') sessions.forgetUser(change.id);
      else if (change.kind === 'session') sessions.forgetSession(change.id);
      else {
        // A role's document decides its holders' superuser flag and login rules, held in their sessions.
        if (change.kind === 'roles') sessions.forgetAll();
        holder.catchUp(change.version).catch(refreshFailed);
      }
    },
    onResync() {
      sessions.forgetAll();
      holder.recheck().catch(refreshFailed);
    },
  }, log);
  // A change committed before the listening began has no notice here.
  await holder.recheck();
  const services: Services = {
    db,
    holder,
    sessions,
    log,
    now,
    csrfSecret: serverSecret,
    lockoutMinutes: config.lockoutMinutes,
    jobs,
    plugins,
    readReplica,
  };

  const metrics = createMetrics({ db, jobs, holder, log, token: config.metricsToken, readReplica });
  let draining = false;
  const servers = new Set<Server>();

  const app = express();
  app.disable('x-powered-by');
  app.use(metrics.requests);
  // Once the process has stopped listening, answers on the connections still open close them, so that
  // keep-alive clients reconnect to a process that stays. (Not while draining: a client told to
  // reconnect then would queue a new connection that the closing listener may reset.)
  let closing = false;
  app.use((_req, res, next) => {
    if (closing) res.set('connection', 'close');
    next();
  });
  // When /ready first told a prober that this process is draining: the drain time counts from then too,
  // so that a prober slowed down by a busy process still has the whole time to act on it.
  let drainingToldAt: number | null = null;
  app.use(healthRoutes({ db, jobs, log, draining: () => {
    if (draining && drainingToldAt === null) drainingToldAt = Date.now();
    return draining;
  } }));
  app.use(metrics.route);
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  app.set('etag', false);
  // Per-request logging costs more than the rest of a list request's routing; it is on at debug level.
  if (config.logLevel === 'debug') app.use(pinoHttp({ logger: log, genReqId: requestId }));
  const markApiResponse = installApiResponses(app);

  const api = express.Router();
  api.use(markApiResponse);
  const jsonBody = express.json({ limit: '2mb' });
  api.use((req, res, next) => (isImportUpload(req) || isConfigImport(req) ? next() : jsonBody(req, res, next)));
  api.use('/auth', authRoutes(services, { loginRateLimit: config.loginRateLimit }));
  api.use('/portal', portalSignUpRoutes(services, { rateLimit: config.loginRateLimit, publicUrl: config.publicUrl }));
  api.use('/portal', portalUiRoutes(plugins, db, holder));
  api.use(apiDocsRoutes());
  // Routes packs open to anyone (a link in a mail, a provider's webhook): before login, rate-limited.
  api.use(plugins.publicRoutes());
  api.use(requireUser(services));
  api.use(portalGate((path) => plugins.servesPath(path)));
  api.use(openApiRoutes(services));
  api.use('/ui', uiSessionRoutes(services));
  api.use('/ui', uiDirectoryRoutes());
  api.use('/ui', uiRecentRoutes());
  api.use('/ui', uiCheckRoutes(services, (kind) => (kind === calendarKind.kind ? calendarKind : plugins.registrations.kindByName(kind))));
  api.use('/meta/workflows', workflowMetaRoutes(services));
  api.use('/meta/calendars', calendarDueRoutes());
  api.use('/meta', metaRoutes(services));
  api.use('/admin/roles', adminRoleRoutes(services));
  api.use('/admin/metrics', adminMetricsRoutes());
  api.use('/admin/config', configTransferRoutes(services, plugins));
  api.use('/admin', adminOrganisationRoutes(services));
  api.use('/records', recordRoutes());
  api.use('/recycle-bin', recycleBinRoutes());
  api.use('/permissions', permissionRoutes(services));
  api.use('/tasks', taskRoutes());
  api.use('/notifications', notificationRoutes());
  api.use('/views', savedViewRoutes());
  api.use('/packs', packRoutes(plugins));
  api.use('/search', searchRoutes(plugins.packs));
  api.use('/meta', kindDefinitionRoutes((plural) => (plural === calendarKind.plural ? calendarKind : plugins.registrations.kindByPlural(plural))));
  api.use(plugins.routes());
  api.use(() => {
    throw createError('NOT_FOUND', msg('http.noEndpoint'));
  });
  app.use('/api', api);

  if (fs.existsSync(uiDist)) {
    app.use(securityHeaders());
    // The service worker, its manifest and the page are asked again each time, so that a new version is found.
    const fresh = /[\\/](sw\.js|manifest\.webmanifest|index\.html)$/;
    app.use(express.static(uiDist, { index: 'index.html', maxAge: '1h', setHeaders: (res, file) => fresh.test(file) && res.setHeader('cache-control', 'no-cache') }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(uiDist, 'index.html')));
  }
  app.use(errorMiddleware(() => holder.snapshot, log, metrics.error));

  async function close(graceful = false) {
    holder.stop();
    await plugins.close();
    await changes.close();
    await jobs.stop({ graceful, timeoutMs: config.shutdownTimeoutSeconds * 1000 });
    mailer?.close();
    metrics.close();
    stopSlowQueryLog();
    stopReplicaSlowQueryLog();
    await readReplica?.close();
    if (!given) await db.destroy();
  }

  return {
    app,
    listen(port, host) {
      const server = createHttpServer(app);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          servers.add(server);
          server.once('close', () => servers.delete(server));
          resolve(server);
        });
      });
    },
    db,
    services,
    log,
    async shutdown() {
      draining = true;
      log.info('shutting down: finishing requests in flight and running jobs');
      const drainMs = config.shutdownDrainSeconds * 1000;
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
      if (drainMs > 0) {
        await pause(drainMs);
        if (drainingToldAt !== null) await pause(drainingToldAt + drainMs - Date.now());
      }
      // Let the event loop's poll phase take the connections waiting in the listen backlog (a busy
      // embedded database may have held the loop) before the listener closes and the kernel resets them.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      closing = true;
      const deadline = setTimeout(() => {
        for (const server of servers) server.closeAllConnections();
      }, config.shutdownTimeoutSeconds * 1000);
      // net.Server's own close stops listening and waits for the open connections to end by themselves:
      // a request still sent on a kept-alive connection is answered (with Connection: close), an idle one
      // ends at the keep-alive timeout. http.Server's close would drop idle connections at once, racing a
      // client that is just sending its next request on one (ECONNRESET).
      await Promise.all([...servers].map((server) => new Promise<void>((resolve) => {
        net.Server.prototype.close.call(server, () => resolve());
      })));
      clearTimeout(deadline);
      const giveUp = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutSeconds * 1000).unref());
      await Promise.race([backgroundWorkSettled(), giveUp]);
      await close(true);
      log.info('shut down');
    },
    close: () => close(false),
    sweepSlas: () => sweepSlas(workflowBase()),
  };
}
