import type { Knex } from 'knex';
import type { ObjectDefinition } from '../generated/object.ts';
import type { RoleDocument } from '../generated/role.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import { buildSnapshot, type StoredDefinition } from './snapshot.ts';
import type { SchemaSnapshot, StoredWorkflow } from '../core/snapshot-types.ts';
import { announceChange } from '../core/change-bus.ts';

const VERSION_KEY = 'meta_version';

export async function readMetaVersion(db: Knex): Promise<number> {
  const row = await db('settings').where({ key: VERSION_KEY }).first('value');
  return row ? Number(row.value) : 0;
}

/**
 * Bumps the version every server process compares against to know its snapshot is stale, and tells
 * the other processes when the transaction commits.
 */
export async function bumpMetaVersion(trx: Knex, kind: 'metadata' | 'roles' | 'workflows' = 'metadata'): Promise<number> {
  const [row] = await trx('settings')
    .insert({ key: VERSION_KEY, value: JSON.stringify(1) })
    .onConflict('key')
    .merge({ value: trx.raw("to_jsonb((settings.value #>> '{}')::int + 1)") })
    .returning('value');
  const version = Number(row.value);
  await announceChange(trx, { kind, version });
  return version;
}

/** The kinds of definition stored, versioned, in meta_definitions and meta_definition_versions. */
export type StoredKind = 'object' | 'workflow' | (string & {});

async function readDefinitions<T>(db: Knex, kind: StoredKind): Promise<{ definition: T; version: number }[]> {
  const rows = await db('meta_definitions').where({ kind }).orderBy('name').select('definition', 'version');
  return rows.map((r) => ({ definition: r.definition as T, version: r.version }));
}

export const readObjectDefinitions = (db: Knex): Promise<StoredDefinition[]> => readDefinitions<ObjectDefinition>(db, 'object');

/** The highest version a definition ever had (0 for none), deleted ones included, so numbers never repeat. */
export async function latestDefinitionVersion(trx: Knex, kind: StoredKind, name: string): Promise<number> {
  return Number((await trx('meta_definition_versions').where({ kind, name }).max('version as v').first())?.v ?? 0);
}

/** Appends to a definition's version history; `definition` null records a deletion. */
export async function recordDefinitionVersion(trx: Knex, kind: StoredKind, name: string, version: number, definition: unknown, change: string, actor: string | null): Promise<void> {
  await trx('meta_definition_versions').insert({ kind, name, version, definition: definition === null ? null : JSON.stringify(definition), change, created_by: actor });
}

export interface DefinitionVersion<T = unknown> {
  version: number;
  /** Null for a deletion. */
  definition: T | null;
  change: string;
  at: string;
  by: string | null;
}

/** A definition's version history, newest first (empty when it never existed). */
export async function listDefinitionVersions<T = unknown>(db: Knex, kind: StoredKind, name: string): Promise<DefinitionVersion<T>[]> {
  const rows = await db('meta_definition_versions').where({ kind, name }).orderBy('version', 'desc').select('version', 'definition', 'change', 'created_at', 'created_by');
  return rows.map((r) => ({ version: r.version, definition: r.definition, change: r.change, at: new Date(r.created_at).toISOString(), by: r.created_by === null ? null : String(r.created_by) }));
}

/** Makes `version` the current definition and records it in the history. */
export async function storeDefinition(trx: Knex, kind: StoredKind, name: string, version: number, definition: unknown, change: 'create' | 'update', actor: string | null): Promise<void> {
  await trx('meta_definitions')
    .insert({ kind, name, version, definition: JSON.stringify(definition), updated_by: actor })
    .onConflict(['kind', 'name'])
    .merge(['version', 'definition', 'updated_by', 'updated_at']);
  await recordDefinitionVersion(trx, kind, name, version, definition, change, actor);
}

async function readRoleDocuments(db: Knex): Promise<RoleDocument[]> {
  const rows = await db('roles').orderBy('name').select('document');
  return rows.map((r) => r.document as RoleDocument);
}

export const readWorkflowDefinitions = (db: Knex): Promise<StoredWorkflow[]> => readDefinitions<WorkflowDefinition>(db, 'workflow');

/** Objects, roles and workflows, read at one meta_version: a change to any of them bumps it. */
export async function loadSnapshot(db: Knex): Promise<SchemaSnapshot> {
  // A transaction has one connection, which takes one query at a time.
  if ((db as Knex & { isTransaction?: boolean }).isTransaction) {
    return buildSnapshot(await readObjectDefinitions(db), await readMetaVersion(db), await readRoleDocuments(db), await readWorkflowDefinitions(db));
  }
  const [version, definitions, roles, workflows] = await Promise.all([readMetaVersion(db), readObjectDefinitions(db), readRoleDocuments(db), readWorkflowDefinitions(db)]);
  return buildSnapshot(definitions, version, roles, workflows);
}

/** Holds the current snapshot and swaps it, whole, when the metadata changes here or on another process. */
export class SnapshotHolder {
  private current: SchemaSnapshot;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Knex,
    initial: SchemaSnapshot,
  ) {
    this.current = initial;
  }

  get snapshot(): SchemaSnapshot {
    return this.current;
  }

  async reload(): Promise<SchemaSnapshot> {
    const next = await loadSnapshot(this.db);
    if (next.version >= this.current.version) this.current = next;
    return this.current;
  }

  /** Reloads when another process announced a version newer than the one held. */
  async catchUp(version: number): Promise<void> {
    if (version > this.current.version) await this.reload();
  }

  /** Reloads when the stored version differs from the one held. */
  async recheck(): Promise<void> {
    if ((await readMetaVersion(this.db)) !== this.current.version) await this.reload();
  }

  /**
   * The safety net under the change notices (core/change-bus.ts): every `intervalMs` the version is
   * compared, so a process that missed a notice is stale for at most that long.
   */
  watch(intervalMs: number, onError: (err: unknown) => void): void {
    this.timer = setInterval(() => this.recheck().catch(onError), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
