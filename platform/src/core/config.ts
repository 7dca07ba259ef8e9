import path from 'node:path';

export interface Config {
  port: number;
  databaseUrl: string | undefined;
  /**
   * A streaming replica of the DATABASE_URL server for heavy reads (reports, exports, dashboards,
   * analyses); unset, every read is on the primary. Refused with the embedded database.
   */
  databaseReadUrl: string | undefined;
  /** While the read replica is down, how often it is asked again, in seconds. */
  databaseReadRetrySeconds: number;
  dataDir: string;
  adminPassword: string | undefined;
  tokenTtlSeconds: number;
  logLevel: string;
  /** How long an account stays locked after 5 failed logins within 15 minutes. */
  lockoutMinutes: number;
  /** Login attempts allowed per client IP address per minute. */
  loginRateLimit: number;
  /** Requests allowed per client IP address per minute on the packs' public (no login) routes. */
  publicRateLimit: number;
  /** How often idle job workers look for due jobs and timers (pg-boss polling), in seconds; at least 0.5. */
  jobPollingSeconds: number;
  /** smtp://user:password@host:port (or smtps://); when unset, notifications stay in the app. */
  smtpUrl: string | undefined;
  /** The sender of notification mails. */
  mailFrom: string;
  /** The address people reach the web app at, for links in mails (portal sign-up verification). */
  publicUrl: string;
  /** Folders holding packs, besides the product's own plugins/ folder. */
  packDirs: string[];
  /** Packs installed on the first start of an empty database: 'all' available packs, or a list. */
  initialPacks: 'all' | string[];
  /** Whether those first installs load the packs' demo data. */
  demoData: boolean;
  /** The bearer token `GET /metrics` asks for; unset, the endpoint is off. */
  metricsToken: string | undefined;
  /** Queries slower than this many milliseconds are logged (a warning with the statement, never its values). */
  slowQueryMs: number;
  /** On SIGTERM, how long requests in flight and running jobs may take before the process stops anyway. */
  shutdownTimeoutSeconds: number;
  /**
   * On SIGTERM, how long the process keeps serving while `/ready` says draining, before it stops taking
   * connections: long enough for the load balancer's readiness probe to take it out of rotation.
   */
  shutdownDrainSeconds: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    databaseReadRetrySeconds: Math.max(0.1, Number(env.DATABASE_READ_RETRY_SECONDS ?? 5)),
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    tokenTtlSeconds: Number(env.TOKEN_TTL_SECONDS ?? 12 * 3600),
    logLevel: env.LOG_LEVEL ?? 'info',
    lockoutMinutes: Number(env.LOCKOUT_MINUTES ?? 15),
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 20),
    publicRateLimit: Number(env.PUBLIC_RATE_LIMIT ?? 60),
    jobPollingSeconds: Math.max(0.5, Number(env.JOB_POLLING_SECONDS ?? 2)),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Tessera <no-reply@localhost>',
    publicUrl: env.PUBLIC_URL || `http://localhost:${Number(env.PORT ?? 3000)}`,
    packDirs: (env.PACK_DIRS ?? '').split(path.delimiter).filter(Boolean).map((d) => path.resolve(d)),
    initialPacks: env.PACKS === undefined || env.PACKS === 'all' ? 'all' : env.PACKS.split(',').map((p) => p.trim()).filter(Boolean),
    demoData: env.DEMO_DATA !== 'false',
    metricsToken: env.METRICS_TOKEN || undefined,
    slowQueryMs: Number(env.SLOW_QUERY_MS ?? 500),
    shutdownTimeoutSeconds: Number(env.SHUTDOWN_TIMEOUT_SECONDS ?? 25),
    shutdownDrainSeconds: Number(env.SHUTDOWN_DRAIN_SECONDS ?? 0),
  };
}
