import type { Knex } from 'knex';
import type { SchemaSnapshot } from './snapshot-types.ts';
import type { JobSender, PackRegistry, RecordHookRunner, WorkflowPort } from './ports.ts';
import type { Logger } from './logger.ts';
import type { ReadReplica } from './read-replica.ts';

/** Who is acting. A system actor is only ever made by systemContext(), so a bypass is always explicit. */
export interface Actor {
  readonly kind: 'user' | 'system';
  readonly id: string | null;
  readonly username: string;
  readonly department: string | null;
  readonly roles: readonly string[];
  /** True when one of the actor's roles says `"superuser": true`. */
  readonly superuser: boolean;
  /** The user's own language setting; null when they chose none (then Accept-Language decides). */
  readonly language?: 'en' | 'zh-CN' | null;
  /** True for a portal user: they reach only the routes open to portal users (docs/organisation.md). */
  readonly portal: boolean;
  /** The record the user acts for (`$user.account` in filters), or null. */
  readonly account: RecordLink | null;
}

/** A user's link to one record of a record object (the account a portal user acts for). */
export interface RecordLink {
  readonly object: string;
  readonly id: string;
}

export interface Ctx {
  /** The knex instance, or the transaction the work runs in. */
  readonly db: Knex;
  readonly schema: SchemaSnapshot;
  readonly actor: Actor;
  readonly log: Logger;
  readonly lang: 'en' | 'zh-CN';
  /** Background jobs and timers; absent only where nothing can schedule work (unit tests of pure parts). */
  readonly jobs?: JobSender;
  /** Hooks packs attach to record writes; absent where no pack can hook in. */
  readonly hooks?: RecordHookRunner;
  /** Workflow locks and approval rounds for record writes; absent where no user writes records. */
  readonly workflow?: WorkflowPort;
  /**
   * Field types and workflow actions of this server's packs; absent only in unit tests of pure parts,
   * where a field of a pack type cannot be written (it throws) and no pack type or action is known.
   */
  readonly registry?: PackRegistry;
  /**
   * The streaming replica heavy reads go to (`heavyRead` in read-replica.ts); absent when none is
   * configured, and then every read is on `db`.
   */
  readonly readReplica?: ReadReplica;
  /** The wall clock workflow SLAs and calendar timers read (the app's `now` option); absent: the system clock. */
  readonly now?: () => Date;
}

/** What time it is for the work in this context: the app's clock when it has one. */
export function clockOf(ctx: Pick<Ctx, 'now'>): Date {
  return ctx.now ? ctx.now() : new Date();
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ kind: 'system', id: null, username: 'system', department: null, roles: [], superuser: false, portal: false, account: null });

/** The one way to act without permission checks: internal maintenance such as dedup lookups and migrations. */
export function systemContext(ctx: Pick<Ctx, 'db' | 'schema' | 'log' | 'jobs' | 'hooks' | 'workflow' | 'registry' | 'readReplica' | 'now'>): Ctx {
  return { db: ctx.db, schema: ctx.schema, log: ctx.log, actor: SYSTEM_ACTOR, lang: 'en', jobs: ctx.jobs, hooks: ctx.hooks, workflow: ctx.workflow, registry: ctx.registry, readReplica: ctx.readReplica, now: ctx.now };
}

export function withDb(ctx: Ctx, db: Knex): Ctx {
  return { ...ctx, db };
}
