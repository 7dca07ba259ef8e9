/**
 * The public plugin interface: the only module a pack's code imports from the platform. Everything a
 * plugin does goes through the contexts below, so permissions, transactions and logging stay the
 * platform's business (docs/plugins.md).
 */
import type { Request, Router } from 'express';
import { createError, detail, isAppError, type ErrorDetail } from '../core/errors.ts';
import { localizedText, msg, type Language, type Message } from '../core/messages/message.ts';
import type { LocalizedText, ObjectDefinition } from '../generated/object.ts';
import type { ListInput } from '../records/read-records.ts';
import type { OutgoingMail, SentMail } from '../jobs/mailer.ts';

export type { ObjectDefinition, LocalizedText } from '../generated/object.ts';
export type { ErrorDetail } from '../core/errors.ts';
export type { OutgoingMail, SentMail } from '../jobs/mailer.ts';
export { spreadsheetCell } from '../records/spreadsheet-cell.ts';
export { isId, readBody, readId } from './request-body.ts';
export { batchesOf } from '../records/import-batch-insert.ts';

export type RecordData = Record<string, unknown>;

/** A records list query: the filter language, sort keys, keyset cursor, projection, count (SPEC 5.3). */
export type ListOptions = ListInput;

export interface AggregateQuery {
  filter?: unknown;
  groupBy?: { field: string; bucket?: 'day' | 'week' | 'month' | 'quarter' | 'year' }[];
  measures?: { fn: 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max'; field?: string; percent?: boolean }[];
  sort?: string;
  limit?: number;
}

export interface AggregateAnswer {
  object: string;
  columns: { key: string; kind: 'group' | 'measure' | 'title' | 'percent'; field?: string; fn?: string; bucket?: string; type: string; label: LocalizedText; options?: Record<string, LocalizedText> }[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

/** Records as one actor sees them: every call goes through that actor's permissions. */
export interface RecordService {
  list(object: string, options?: ListOptions): Promise<{ data: RecordData[]; nextCursor: string | null; total?: number }>;
  get(object: string, id: string): Promise<RecordData>;
  create(object: string, values: RecordData): Promise<RecordData>;
  /** `values` must carry the `_version` last read. */
  update(object: string, id: string, values: RecordData): Promise<RecordData>;
  delete(object: string, id: string): Promise<void>;
  aggregate(object: string, query: AggregateQuery): Promise<AggregateAnswer>;
  /**
   * Starts the record's workflow (the named one, or the object's only active one), as
   * `POST /api/records/:object/:id/submit` does: it needs the `submit` operation on the record.
   */
  submit(object: string, id: string, options?: { workflow?: string; comment?: string }): Promise<{ workflow: string; state: string }>;
  /** Whether the actor may do the operation (a standard one or a custom action a role grants) on the object, or on this record. */
  permits(object: string, operation: string, id?: string): Promise<boolean>;
}

/** The reading calls of a records service. */
export type RecordReader = Pick<RecordService, 'list' | 'get' | 'aggregate'>;

/** A change of one record in a bulk update: the values to write (no `_version`: the system's bulk write does not compete on versions). */
export interface RecordChange {
  id: string;
  values: RecordData;
}

/**
 * Records without permission checks, for the system's own work (jobs, schedules, bookkeeping in a
 * hook or a caller's transaction). Besides the single-record calls it writes in bulk, set-based:
 * a user's change has no bulk path and goes through `update`, record by record (docs/records.md).
 */
export interface SystemRecordService extends RecordService {
  /**
   * Writes each record's values with the checks, history and hooks of a single system update, but
   * only the values that differ from what the record holds, in a few statements for all records.
   * All or nothing; ids of no live record are reported as `missing`, not refused.
   */
  updateMany(object: string, changes: readonly RecordChange[]): Promise<{ changed: string[]; missing: string[] }>;
  /** Creates records with the checks, history and hooks of a single system create, in a few statements; all or nothing; the new ids in order. */
  createMany(object: string, values: readonly RecordData[]): Promise<string[]>;
}

/**
 * Every page of a records list as `records` may read it, along the keyset cursor (pages of up to 500).
 * `count` is asked of the first page only: its `total` covers the whole list.
 */
export async function* everyPage(records: Pick<RecordService, 'list'>, object: string, options: ListOptions = {}): AsyncGenerator<{ data: RecordData[]; total?: number }> {
  let cursor: string | undefined;
  do {
    const page = await records.list(object, { limit: 500, ...options, ...(cursor ? { cursor, count: false } : {}) });
    yield page;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export interface Caller {
  /** Null for the system actor. */
  readonly userId: string | null;
  readonly username: string;
  readonly lang: 'en' | 'zh-CN';
  /** True for a portal user (docs/organisation.md). */
  readonly portal: boolean;
  /** The record the caller acts for (`$user.account`), or null. */
  readonly account: { readonly object: string; readonly id: string } | null;
  readonly records: RecordService;
  /**
   * The same reads as `records`, as the same caller and within the same row scope, for heavy reads:
   * reports, exports, dashboards, analyses' source rows. With a read replica they are served by it,
   * so they may be a moment behind the primary (docs/operations.md, "Read replica"); inside
   * `transaction` they read the transaction. Read a record just written, or anything a write decides
   * on, through `records`.
   */
  readonly heavyReads: RecordReader;
  /**
   * Runs `work` in one transaction as the same caller (and, for bookkeeping the caller may not do
   * themselves, the system): everything it writes commits together or not at all.
   */
  transaction<T>(work: (caller: Caller, system: SystemRecordService) => Promise<T>): Promise<T>;
}

export type HookEvent = 'beforeCreate' | 'afterCreate' | 'beforeUpdate' | 'afterUpdate' | 'beforeDelete' | 'afterDelete';

export interface HookContext {
  readonly event: HookEvent;
  readonly object: string;
  /** The record's id (absent before a create). */
  readonly id?: string;
  /** Before create/update: the values being written; a before hook may change them (they are validated afterwards). */
  readonly values?: RecordData;
  /** After create/update: the record as written. Before update/delete: the record as it was. */
  readonly record?: RecordData;
  /** The acting user, whose records service runs inside the same transaction as the write. */
  readonly caller: Caller;
  /** The same transaction, without the caller's permission checks: for bookkeeping the caller may not do. */
  readonly system: SystemRecordService;
  /** Sends one of the pack's jobs in the same transaction: it exists exactly when the write commits. */
  sendJob<T extends object>(name: string, data: T, options?: JobOptions): Promise<void>;
  /** In-app notifications in the same transaction. */
  notify: Notify;
}

/** In-app notifications (the header's bell) for users, about one record. */
export type Notify = (userIds: readonly string[], message: LocalizedText, about: { object: string; id: string }) => Promise<void>;

export type Hook = (hook: HookContext) => void | Promise<void>;

export interface JobOptions {
  retryLimit?: number;
  /** Seconds until the job runs. */
  startAfter?: number;
  /** With a coalescing handler: at most one job with this key waits at a time; sending another while one waits does nothing. */
  singletonKey?: string;
}

export interface JobHandlerOptions {
  retryLimit?: number;
  /** At most one job waits at a time (per `singletonKey` when sends give one): for recomputations that need to run once after a burst of changes. */
  coalesce?: boolean;
}

/**
 * Mail through the platform's SMTP configuration (SMTP_URL, MAIL_FROM), for a pack's own messages:
 * its envelope sender, Reply-To and headers are the pack's (docs/plugins.md, "Mail").
 */
export interface MailService {
  /** False without SMTP_URL: `send` then refuses (409). */
  readonly configured: boolean;
  /** The address of MAIL_FROM, e.g. for the domain of per-recipient return addresses. */
  readonly fromAddress: string;
  /** Hands one message to the SMTP server now; throws when it refuses the message or cannot be reached. */
  send(mail: OutgoingMail): Promise<SentMail>;
  /**
   * Queues one plain-text mail to an address that need not be a user's (a customer's contact), sent
   * and retried with backoff like the workflow's mails; false, and nothing queued, when SMTP_URL is unset.
   */
  queue(mail: Pick<OutgoingMail, 'to' | 'subject' | 'text'>): Promise<boolean>;
}

export interface DefinitionKind {
  /** The kind's name; its JSON Schema is the pack's schemas/<kind>.schema.json (types: npm run generate:types). */
  kind: string;
  /** Plural used in /api/meta/<plural>/:name and in a pack's metadata folder. */
  plural: string;
  /** The kind's name in messages ("There is no analysis named …", "没有名为…的分析"); without it, `kind` in both languages. */
  label?: { en: string; 'zh-CN': string };
  /** Checks beyond the JSON Schema (e.g. that named objects, fields and other definitions exist); problems carry JSON pointers. */
  check?(definition: Record<string, unknown>, meta: MetadataView, definitions: DefinitionStore): ErrorDetail[] | Promise<ErrorDetail[]>;
}

/** Read-only view of the current object definitions. */
export interface MetadataView {
  object(name: string): ObjectDefinition | undefined;
  objectNames(): string[];
  /**
   * The field a path names on an object (`region`, `_owner`, `account.region`), resolved as the
   * filter language resolves it, or the reason it names none.
   */
  field(object: string, path: string): { type: string; label: LocalizedText } | { problem: PackText };
}

export interface StoredDefinition<T> {
  definition: T;
  version: number;
  /** The user who saved this version (the one a schedule of the definition acts as); null when the system did, e.g. a pack installed at first start. */
  savedBy: string | null;
}

export interface DefinitionStore {
  get<T = Record<string, unknown>>(kind: string, name: string): Promise<StoredDefinition<T> | undefined>;
  list<T = Record<string, unknown>>(kind: string): Promise<StoredDefinition<T>[]>;
}

export interface PluginLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

/** A portal sign-up whose e-mail address was just verified (docs/organisation.md, "Portal sign-up"). */
export interface PortalSignUp {
  /** The portal user the sign-up created: inactive, without roles or account until a pack activates it. */
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly language: 'en' | 'zh-CN';
  /** The company details as signed up, after the handler's `check`. */
  readonly company: RecordData;
}

/** A mail to a user, sent in their language through the platform's mail job. */
export interface PortalMail {
  subject: PackText;
  text: PackText;
}

/** What pack code does with portal users, inside the transaction it runs in. */
export interface PortalUsers {
  /**
   * Links the portal user to the record they act for, gives them `roles` (none a superuser role) and
   * enables them; `welcome` is mailed to them when the transaction commits.
   */
  activate(userId: string, options: { account: { object: string; id: string }; roles: string[]; welcome?: PortalMail }): Promise<void>;
  /** Mails a portal user (for instance that their application was refused). */
  mail(userId: string, mail: PortalMail): Promise<void>;
}

/** A pack's part in portal self-registration: one pack per server registers it. */
export interface PortalSignUpHandler {
  /** Problems with the sign-up's company details, JSON pointers under `/company` (made with `packProblem`). */
  check?(company: RecordData): ErrorDetail[];
  /** Runs in the verification's transaction: the pack records the application it will approve. */
  verified(signUp: PortalSignUp, tools: { system: SystemRecordService; portalUsers: PortalUsers }): Promise<void>;
}

/** Pass one: teach the platform new things before anything runs. */
export interface PluginRegisterContext {
  readonly pack: { name: string; version: string; dir: string };
  readonly log: PluginLogger;
  /** Settings from TESSERA_<PACK>_<KEY> environment variables, keys lower-cased. */
  readonly config: Readonly<Record<string, string>>;
  definitionKind(kind: DefinitionKind): void;
  /** A workflow action usable as `{ "run": "<pack>.<name>", "params": {...} }`; it runs inside the transition. */
  workflowAction(name: string, action: (input: { object: string; id: string; params: Record<string, unknown>; system: SystemRecordService; portalUsers: PortalUsers }) => void | Promise<void>): void;
  /** Takes part in portal self-registration (`POST /api/portal/sign-up`); at most one pack per server. */
  portalSignUp(handler: PortalSignUpHandler): void;
  /**
   * A field type `<pack>.<name>` that object definitions use as `{"type": <one of bases>, "fieldType": "<pack>.<name>"}`:
   * every value written to such a field must also pass `check` (a problem message, or null).
   */
  fieldType(name: string, type: { bases: ObjectDefinition['fields'][number]['type'][]; check(value: unknown): string | null }): void;
  /** A background job handler; jobs are named `<pack>.<name>`. */
  jobHandler<T extends object>(name: string, handler: (data: T, tools: JobTools) => Promise<void>, options?: JobHandlerOptions): void;
}

/** What a job handler works with: it runs later, without a request. */
export interface JobTools {
  /** Records without permission checks: for work no user asked for. */
  readonly system: SystemRecordService;
  /**
   * Runs `work` in one transaction as the system: everything it writes commits together or not at
   * all, and the rows it writes stay locked until then (write a row with no values to lock it first,
   * so that what is read after it cannot change before the write).
   */
  transaction<T>(work: (system: SystemRecordService) => Promise<T>): Promise<T>;
  readonly log: PluginLogger;
  readonly notify: Notify;
  readonly meta: MetadataView;
  readonly definitions: DefinitionStore;
  /** Sends another of the pack's jobs. */
  sendJob<T extends object>(name: string, data: T, options?: JobOptions): Promise<void>;
  readonly mail: MailService;
  /**
   * The given user as a caller, as their own request would be (their roles, scopes and language),
   * for work they asked for that runs later (a job they started, a schedule they saved): what it
   * reads and writes stays within their permissions. A missing or disabled user is refused (403).
   */
  callerFor(userId: string): Promise<Caller>;
}

/** Pass two: start serving. */
export interface PluginBootContext extends Omit<PluginRegisterContext, 'definitionKind' | 'fieldType' | 'workflowAction' | 'jobHandler' | 'portalSignUp'> {
  /**
   * A router mounted at /api/plugins/<pack>/, or at /api/<resource> for a resource the manifest lists
   * under `api`. Routes run after login and serve staff users only; with `{ portal: true }` the router's
   * routes serve portal users as well (staff users reach them too, after the pack's other routes).
   * With `{ public: true }` the routes serve anyone, without login: they run before authentication,
   * are rate-limited per client address, take JSON and form bodies and need no CSRF token; `caller`
   * refuses their requests, so they act through `system` and must check what the request proves
   * (a signed or random token) themselves.
   */
  router(resource?: string, options?: { portal?: boolean; public?: boolean }): Router;
  /** The logged-in caller of a request handled by one of the pack's routes. */
  caller(req: Request): Caller;
  /** Records without permission checks, for jobs and schedules: use only for work no user asks for. */
  readonly system: SystemRecordService;
  readonly meta: MetadataView;
  readonly definitions: DefinitionStore;
  on(event: HookEvent, object: string | '*', hook: Hook): void;
  notify: Notify;
  sendJob<T extends object>(name: string, data: T, options?: JobOptions): Promise<void>;
  readonly mail: MailService;
  /**
   * Runs `dispose` when the server shuts down (or the pack's boot is undone): for what the pack opened
   * itself, e.g. a listening socket. Disposers run last-registered first; a failure is logged.
   */
  onShutdown(dispose: () => void | Promise<void>): void;
  /** Runs the job on a cron schedule (UTC), e.g. '0 7 * * *'. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
}

export type PluginErrorCode = 'BAD_REQUEST' | 'VALIDATION_FAILED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/** A pack's own text in both languages, sent in the reader's (a plain string reads the same in every language). */
export type PackText = string | { en: string; 'zh-CN': string };

/** A problem as a pack gives it: the message may be a PackText. */
export interface PackProblem {
  path: string;
  message: PackText;
  [extra: string]: unknown;
}

const packMessage = (text: PackText): string | Message => (typeof text === 'string' ? text : msg('pack.text', { text }));

/** A problem of a definition check (or an error's detail) whose text is sent in the reader's language. */
export function packProblem(path: string, message: PackText): ErrorDetail {
  return detail(path, packMessage(message));
}

/** A pack text, or an error's message, in `lang`: for answers that carry a message outside an error (e.g. one widget's failure). */
export function textIn(text: PackText | Error, lang: Language): string {
  if (text instanceof Error) return isAppError(text) ? text.text(lang) : text.message;
  return localizedText(text, lang);
}

/** An error answered in the error shape of SPEC 5 with the status of its code; thrown by hooks it undoes the write. */
export function pluginError(code: PluginErrorCode, message: PackText, details?: PackProblem[]): Error {
  return createError(code, packMessage(message), details?.map((d) => ({ ...d, message: packMessage(d.message) })));
}

export interface TesseraPlugin {
  register?(ctx: PluginRegisterContext): void | Promise<void>;
  boot?(ctx: PluginBootContext): void | Promise<void>;
}

/** Identity helper that gives a plugin module its type. */
export function definePlugin(plugin: TesseraPlugin): TesseraPlugin {
  return plugin;
}
