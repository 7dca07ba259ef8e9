import type { Knex } from 'knex';
import type { ObjectDefinition } from '../generated/object.ts';
import type { RoleDocument } from '../generated/role.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import { buildSnapshot, type StoredDefinition } from './snapshot.ts';
import type { SchemaSnapshot, StoredWorkflow } from './snapshot-types.ts';

const VERSION_KEY = 'meta_version';

export async function readMetaVersion(db: Knex): Promise<number> {
  const row = await db('settings').where({ key: VERSION_KEY }).first('value');
  return row ? Number(row.value) : 0;
}

/** Bumps the version every server process compares against to know its snapshot is stale. */
export async function bumpMetaVersion(trx: Knex): Promise<number> {
  const [row] = await trx('settings')
    .insert({ key: VERSION_KEY, value: JSON.stringify(1) })
    .onConflict('key')
    .merge({ value: trx.raw("to_jsonb((settings.value #>> '{}')::int + 1)") })
    .returning('value');
  return Number(row.value);
}

export async function readObjectDefinitions(db: Knex): Promise<StoredDefinition[]> {
  const rows = await db('meta_definitions').where({ kind: 'object' }).orderBy('name').select('definition', 'version');
  return rows.map((r) => ({ definition: r.definition as ObjectDefinition, version: r.version }));
}

async function readRoleDocuments(db: Knex): Promise<RoleDocument[]> {
  const rows = await db('roles').orderBy('name').select('document');
  return rows.map((r) => r.document as RoleDocument);
}

export async function readWorkflowDefinitions(db: Knex): Promise<StoredWorkflow[]> {
  const rows = await db('meta_definitions').where({ kind: 'workflow' }).orderBy('name').select('definition', 'version');
  return rows.map((r) => ({ definition: r.definition as WorkflowDefinition, version: r.version }));
}

/** Objects, roles and workflows, read at one meta_version: a change to any of them bumps it. */
export async function loadSnapshot(db: Knex): Promise<SchemaSnapshot> {
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

  /** Other server processes pick up a metadata change within `intervalMs`. */
  watch(intervalMs: number, onError: (err: unknown) => void): void {
    this.timer = setInterval(() => {
      readMetaVersion(this.db)
        .then((version) => (version !== this.current.version ? this.reload() : undefined))
        .catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
