import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Router, type Request, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import { activeUserActor } from '../auth/user-actor.ts';
import { systemContext, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { ReadReplica } from '../core/read-replica.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { SEND_MAIL_JOB, type Mailer, type MailJob, type OutgoingMail } from '../jobs/mailer.ts';
import type { SnapshotHolder } from '../metadata/metadata-store.ts';
import type { RecordHookEvent, RecordHookPayload, RecordHookRunner } from '../core/ports.ts';
import { notifyUsers } from '../workflow/notifications.ts';
import { recordWorkflowPort } from '../workflow/record-workflow-port.ts';
import { definitionStore, metadataView } from './pack-views.ts';
import { packKindValidator } from './pack-kind-validator.ts';
import { PackRegistrations } from './pack-registrations.ts';
import { installOrder, type Pack } from './pack-catalog.ts';
import { installPacks, type PackInstallResult } from './install-pack.ts';
import type { Caller, Hook, JobOptions, Notify, PluginBootContext, PluginRegisterContext, PortalSignUpHandler, SystemRecordService, TesseraPlugin } from './plugin-api.ts';
import { callerOf, systemRecordService, systemRecordsIn } from './record-service.ts';
import { portalUsers } from './portal-users.ts';
import { packMail } from './pack-mail.ts';
import { publicRateLimit, publicRouter } from './public-router.ts';
import { msg } from '../core/messages/message.ts';

interface RegisteredHook {
  pack: string;
  hook: Hook;
}

export interface PluginHostDeps {
  db: Knex;
  holder: SnapshotHolder;
  jobs: JobQueue;
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** Where the packs' heavy reads go, when a read replica is configured. */
  readReplica?: ReadReplica;
  /** The platform's mailer (none without SMTP_URL) and MAIL_FROM, behind the packs' mail service. */
  mailer?: Mailer | null;
  mailFrom?: string;
  /** Requests per client address per minute on the packs' public routes (PUBLIC_RATE_LIMIT). */
  publicRateLimit?: number;
}

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

const notifier = (db: Knex): Notify => (users, message, about) => notifyUsers(db, users, message, about.object, about.id);

const jobOptions = (options: JobOptions) => ({
  ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
  ...(options.startAfter ? { startAfter: new Date(Date.now() + options.startAfter * 1000) } : {}),
  ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
});

/**
 * Loads packs in two passes, as NocoBase does: every available pack's code registers what it adds
 * (definition kinds, field types, workflow actions, job handlers) before anything runs; installed
 * packs then boot (routes, hooks, schedules). Packs installed while the server runs boot right after
 * their install. Everything registered lives on this instance (job handlers on its job queue).
 */
export class PluginHost implements RecordHookRunner {
  readonly registrations = new PackRegistrations();
  private readonly modules = new Map<string, TesseraPlugin>();
  private readonly hooks = new Map<string, RegisteredHook[]>();
  private readonly packRouters = new Map<string, Router>();
  private readonly resourceRouters = new Map<string, Router>();
  /** Routes a pack opens to portal users too (`router(resource, { portal: true })`), by the same keys. */
  private readonly portalPackRouters = new Map<string, Router>();
  private readonly portalResourceRouters = new Map<string, Router>();
  /** Routes a pack opens to anyone, without login (`router(resource, { public: true })`), by the same keys. */
  private readonly publicPackRouters = new Map<string, Router>();
  private readonly publicResourceRouters = new Map<string, Router>();
  private readonly booted = new Set<string>();
  private readonly schedules = new Map<string, string[]>();
  /** What booted packs asked to run at shutdown, in registration order. */
  private disposers: { pack: string; dispose: () => void | Promise<void> }[] = [];

  private readonly mail;
  private readonly publicLimit: RequestHandler;

  constructor(
    readonly packs: ReadonlyMap<string, Pack>,
    private readonly deps: PluginHostDeps,
  ) {
    this.mail = packMail(deps.mailer ?? null, deps.mailFrom ?? 'no-reply@localhost', (message) => this.queueMail(message));
    this.publicLimit = publicRateLimit(deps.publicRateLimit ?? 60);
  }

  /** Pass one, for every available pack with code, before the job queue starts. */
  async registerAll(): Promise<void> {
    for (const pack of this.packs.values()) {
      if (!pack.manifest.code) continue;
      const loaded = (await import(pathToFileURL(path.resolve(pack.dir, pack.manifest.code)).href)) as { default?: TesseraPlugin };
      if (!loaded.default || typeof loaded.default !== 'object') throw new Error(`The pack '${pack.manifest.name}' code must export its plugin as the default export.`);
      this.modules.set(pack.manifest.name, loaded.default);
      await loaded.default.register?.(this.registerContext(pack));
    }
  }

  /** Pass two, for the installed packs, dependencies first. */
  async bootInstalled(): Promise<void> {
    for (const name of await this.installedNames(this.deps.db)) {
      for (const pack of installOrder(name, this.packs)) await this.boot(pack);
    }
  }

  async installedNames(db: Knex): Promise<string[]> {
    const rows: { name: string }[] = await db('pack_installations').orderBy('installed_at').select('name');
    return rows.map((r) => r.name).filter((n) => this.packs.has(n));
  }

  /**
   * Installs a pack and the packs it requires. They boot first, so that their hooks run for their own
   * demo data; should the install fail, they are taken down again.
   */
  async install(name: string, options: { demo: boolean }, ctx: Ctx): Promise<PackInstallResult[]> {
    if (!this.packs.has(name)) throw createError('NOT_FOUND', msg('pack.notFound', { name: name.slice(0, 80) }));
    const order = installOrder(name, this.packs);
    const booting = order.filter((pack) => !this.booted.has(pack.manifest.name));
    try {
      for (const pack of booting) await this.boot(pack);
      return await installPacks(order, options, ctx, this.deps.holder, this.registrations);
    } catch (err) {
      for (const pack of booting.reverse()) await this.unboot(pack.manifest.name);
      throw err;
    }
  }

  /** Undoes a boot: the pack's hooks, routes and schedules go away. */
  private async unboot(name: string): Promise<void> {
    this.booted.delete(name);
    for (const [key, hooks] of this.hooks) {
      const kept = hooks.filter((h) => h.pack !== name);
      if (kept.length) this.hooks.set(key, kept);
      else this.hooks.delete(key);
    }
    this.packRouters.delete(name);
    this.portalPackRouters.delete(name);
    this.publicPackRouters.delete(name);
    for (const resource of this.packs.get(name)?.manifest.api ?? []) {
      this.resourceRouters.delete(resource);
      this.portalResourceRouters.delete(resource);
      this.publicResourceRouters.delete(resource);
    }
    for (const job of this.schedules.get(name) ?? []) await this.deps.jobs.unschedule(job);
    this.schedules.delete(name);
    await this.dispose((d) => d.pack === name);
  }

  /** Runs the disposers `which` selects, last registered first, and forgets them. */
  private async dispose(which: (d: { pack: string }) => boolean): Promise<void> {
    const chosen = this.disposers.filter(which).reverse();
    this.disposers = this.disposers.filter((d) => !which(d));
    for (const d of chosen) {
      try {
        await d.dispose();
      } catch (err) {
        this.deps.log.warn({ err, pack: d.pack }, 'a pack failed to release what it held at shutdown');
      }
    }
  }

  /** At shutdown: what the booted packs opened themselves (their `onShutdown`). */
  close(): Promise<void> {
    return this.dispose(() => true);
  }

  has(object: string, ...events: RecordHookEvent[]): boolean {
    if (!this.hooks.size) return false;
    return events.some((e) => this.hooks.has(`${e}|${object}`) || this.hooks.has(`${e}|*`));
  }

  async run(event: RecordHookEvent, object: string, payload: RecordHookPayload, ctx: Ctx): Promise<void> {
    const hooks = [...(this.hooks.get(`${event}|${object}`) ?? []), ...(this.hooks.get(`${event}|*`) ?? [])];
    for (const { pack, hook } of hooks) {
      const sendJob = (job: string, data: object, options: JobOptions = {}) => this.deps.jobs.send(`${pack}.${job}`, data, { ...jobOptions(options), db: ctx.db });
      await hook({ event, object, ...payload, caller: callerOf(ctx), system: systemRecordService(() => systemContext(ctx)), sendJob, notify: notifier(ctx.db) });
    }
  }

  /** Where a request path leads among the packs' routes: the key of its routers and their mount point. */
  private packRoute(path: string): { pack: boolean; key: string; mount: string } | null {
    const match = /^\/([a-z][a-z0-9_]*)(\/.*)?$/.exec(path);
    if (!match) return null;
    if (match[1] === 'plugins') {
      const inner = /^\/plugins\/([a-z][a-z0-9_]*)(\/.*)?$/.exec(path);
      return inner ? { pack: true, key: inner[1], mount: `/plugins/${inner[1]}` } : null;
    }
    return this.resourceRouters.has(match[1]) || this.portalResourceRouters.has(match[1]) || this.publicResourceRouters.has(match[1]) ? { pack: false, key: match[1], mount: `/${match[1]}` } : null;
  }

  /** The portal sign-up handler of the pack that registered one, once that pack is installed (docs/organisation.md, "Portal sign-up"). */
  portalSignUp(): PortalSignUpHandler | undefined {
    const signUp = this.registrations.portalSignUp;
    return signUp && this.booted.has(signUp.pack) ? signUp.handler : undefined;
  }

  /** Mounts one router at the route's mount point for one request, and restores the request's url after it. */
  private static runRouter(router: Router, mount: string, req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], done: (err?: unknown) => void): void {
    const { url, baseUrl } = req;
    req.url = url.slice(mount.length) || '/';
    req.baseUrl = baseUrl + mount;
    router(req, res, (err?: unknown) => {
      req.url = url;
      req.baseUrl = baseUrl;
      done(err);
    });
  }

  /**
   * The routes packs open to anyone (`{ public: true }`), run before authentication; a request they
   * do not answer goes on to the logged-in routes.
   */
  publicRoutes(): RequestHandler {
    return (req, res, next) => {
      const route = this.packRoute(req.path);
      const router = route ? (route.pack ? this.publicPackRouters : this.publicResourceRouters).get(route.key) : undefined;
      if (!route || !router) return next();
      PluginHost.runRouter(router, route.mount, req, res, (err) => next(err));
    };
  }


  /** True when a path (under /api) is one the packs' routes answer, so they decide what portal users may do there. */
  servesPath(path: string): boolean {
    return this.packRoute(path) !== null;
  }

  /**
   * Routes of booted packs: /api/plugins/<pack>/… and the API resources their manifests claim. Staff
   * reach every route of a pack; portal users only the routes the pack opened to them, and anything
   * else there is 403 (docs/organisation.md, "Portal users and linked records").
   */
  routes(): RequestHandler {
    return (req, res, next) => {
      const route = this.packRoute(req.path);
      if (!route) return next();
      const portal = req.ctx?.actor.portal === true;
      const staffRouter = portal ? undefined : (route.pack ? this.packRouters : this.resourceRouters).get(route.key);
      const portalRouter = (route.pack ? this.portalPackRouters : this.portalResourceRouters).get(route.key);
      const routers = [staffRouter, portalRouter].filter((r): r is Router => r !== undefined);
      const tryRouter = (index: number) => {
        if (index >= routers.length) {
          if (portal) return next(createError('FORBIDDEN', msg('auth.portalRefused')));
          return next();
        }
        PluginHost.runRouter(routers[index], route.mount, req, res, (err?: unknown) => {
          if (err) return next(err);
          tryRouter(index + 1);
        });
      };
      tryRouter(0);
    };
  }

  private settings(pack: Pack): Record<string, string> {
    const prefix = `TESSERA_${pack.manifest.name.toUpperCase()}_`;
    return Object.fromEntries(Object.entries(this.deps.env).filter(([k, v]) => k.startsWith(prefix) && v !== undefined).map(([k, v]) => [k.slice(prefix.length).toLowerCase(), v as string]));
  }

  private systemCtx(): Ctx {
    return systemContext({ db: this.deps.db, schema: this.deps.holder.snapshot, log: this.deps.log, jobs: this.deps.jobs, hooks: this, workflow: recordWorkflowPort, registry: this.registrations, readReplica: this.deps.readReplica });
  }

  /** One plain-text mail through the mail job (retried with backoff); false when no SMTP is configured. */
  private async queueMail(message: Pick<OutgoingMail, 'to' | 'subject' | 'text'>): Promise<boolean> {
    if (!this.deps.jobs.handles(SEND_MAIL_JOB)) return false;
    const mail: MailJob = { to: message.to, subject: message.subject.slice(0, 120), text: message.text };
    await this.deps.jobs.send(SEND_MAIL_JOB, mail, { retryLimit: 5 });
    return true;
  }

  /** A user as a request of theirs would act, for a job done on their behalf; each call sees the current snapshot. */
  private async callerFor(userId: string): Promise<Caller> {
    const actor = await activeUserActor(this.deps.db, userId);
    const { db, holder, log, jobs, readReplica } = this.deps;
    const ctx: Ctx = {
      db, actor, log, jobs, hooks: this, workflow: recordWorkflowPort, registry: this.registrations, readReplica,
      lang: actor.language ?? 'en',
      get schema() {
        return holder.snapshot;
      },
    };
    return callerOf(ctx);
  }

  private registerContext(pack: Pack): PluginRegisterContext {
    const name = pack.manifest.name;
    const log = this.deps.log.child({ pack: name });
    const system = systemRecordService(() => this.systemCtx());
    const holder = this.deps.holder;
    const mail = this.mail;
    return {
      pack: { name, version: pack.manifest.version, dir: pack.dir },
      log,
      config: this.settings(pack),
      definitionKind: (kind) => {
        if (!NAME.test(kind.kind) || !NAME.test(kind.plural)) throw new Error(`Pack '${name}': '${kind.kind}' / '${kind.plural}' is not a valid kind name.`);
        const check = kind.check;
        this.registrations.addKind({
          kind: kind.kind,
          plural: kind.plural,
          pack: name,
          ...(kind.label ? { label: kind.label } : {}),
          validate: packKindValidator(pack, kind.kind),
          ...(check ? { check: async (definition, snapshot, db) => check(definition, metadataView(snapshot), definitionStore(db)) } : {}),
        });
      },
      fieldType: (type, definition) => {
        if (!NAME.test(type)) throw new Error(`Pack '${name}': '${type}' is not a valid field type name.`);
        this.registrations.addFieldType(`${name}.${type}`, { bases: [...definition.bases], check: definition.check });
      },
      workflowAction: (action, run) => {
        this.registrations.addWorkflowAction(`${name}.${action}`, {
          run: (params, context) => Promise.resolve(run({ object: context.object.name, id: context.recordId, params, system: systemRecordService(() => context.ctx), portalUsers: portalUsers(context.ctx) })),
        });
      },
      portalSignUp: (handler) => this.registrations.setPortalSignUp(name, handler),
      jobHandler: (job, handler, options = {}) => {
        const tools = {
          system,
          transaction: <T>(work: (inside: SystemRecordService) => Promise<T>) => this.deps.db.transaction((trx) => work(systemRecordsIn(this.systemCtx(), trx))),
          log,
          notify: notifier(this.deps.db),
          get meta() {
            return metadataView(holder.snapshot);
          },
          definitions: definitionStore(this.deps.db),
          sendJob: (next: string, data: object, sendOptions: JobOptions = {}) => this.deps.jobs.send(`${name}.${next}`, data, jobOptions(sendOptions)),
          callerFor: (userId: string) => this.callerFor(userId),
          mail,
        };
        this.deps.jobs.register(`${name}.${job}`, (data) => handler(data as never, tools), { retryLimit: options.retryLimit, policy: options.coalesce ? 'short' : 'standard' });
      },
    };
  }

  private async boot(pack: Pack): Promise<void> {
    const name = pack.manifest.name;
    if (this.booted.has(name)) return;
    this.booted.add(name);
    const plugin = this.modules.get(name);
    if (!plugin?.boot) return;
    const base = this.registerContext(pack);
    const claimed = new Set(pack.manifest.api ?? []);
    const context: PluginBootContext = {
      pack: base.pack,
      log: base.log,
      config: base.config,
      router: (resource, options) => {
        if (resource !== undefined && !claimed.has(resource)) throw new Error(`Pack '${name}' must list '${resource}' under "api" in pack.json to serve /api/${resource}.`);
        if (options?.portal && options.public) throw new Error(`Pack '${name}': a router is either for portal users or public, not both.`);
        const routers = options?.public
          ? resource === undefined ? this.publicPackRouters : this.publicResourceRouters
          : options?.portal
            ? resource === undefined ? this.portalPackRouters : this.portalResourceRouters
            : resource === undefined ? this.packRouters : this.resourceRouters;
        const key = resource ?? name;
        let router = routers.get(key);
        if (!router) routers.set(key, (router = options?.public ? publicRouter(this.publicLimit) : Router()));
        return router;
      },
      caller: (req: Request) => {
        if (!req.ctx) throw createError('UNAUTHENTICATED', msg('auth.logInFirst'));
        return callerOf(req.ctx);
      },
      system: systemRecordService(() => this.systemCtx()),
      get meta() {
        return metadataView(hostSnapshot());
      },
      definitions: definitionStore(this.deps.db),
      notify: notifier(this.deps.db),
      on: (event, object, hook) => {
        const key = `${event}|${object}`;
        const list = this.hooks.get(key) ?? [];
        list.push({ pack: name, hook });
        this.hooks.set(key, list);
      },
      sendJob: (job, data, options = {}) => this.deps.jobs.send(`${name}.${job}`, data, jobOptions(options)),
      mail: this.mail,
      onShutdown: (dispose) => {
        this.disposers.push({ pack: name, dispose });
      },
      schedule: async (job, cron, data = {}) => {
        await this.deps.jobs.schedule(`${name}.${job}`, cron, data);
        this.schedules.set(name, [...(this.schedules.get(name) ?? []), `${name}.${job}`]);
      },
    };
    const holder = this.deps.holder;
    function hostSnapshot() {
      return holder.snapshot;
    }
    await plugin.boot(context);
  }
}
