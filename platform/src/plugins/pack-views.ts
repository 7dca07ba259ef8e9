import type { Knex } from 'knex';
import { isAppError } from '../core/errors.ts';
import { bothLanguages, msg } from '../core/messages/message.ts';
import type { SchemaSnapshot } from '../core/snapshot-types.ts';
import { listKindDefinitions, readKindDefinition } from '../definitions/definition-kinds.ts';
import { QueryScope } from '../query/index.ts';
import type { DefinitionStore, MetadataView } from './plugin-api.ts';

// What a pack's definition-kind check sees of the platform: the objects and other definitions, read-only.

export function metadataView(snapshot: SchemaSnapshot): MetadataView {
  return {
    object: (name) => {
      const object = snapshot.objects.get(name);
      return object && !object.system ? object.definition : undefined;
    },
    objectNames: () => [...snapshot.objects.values()].filter((o) => !o.system).map((o) => o.name),
    field: (objectName, path) => {
      const object = snapshot.objects.get(objectName);
      if (!object || object.system) return { problem: bothLanguages(msg('pack.noObject', { name: objectName })) };
      try {
        const { field } = new QueryScope(snapshot, object).resolvePath(path, 'select');
        return { type: field.type === 'formula' ? (field.returns ?? 'text') : field.type, label: field.label };
      } catch (err) {
        if (isAppError(err)) return { problem: err.localized ? bothLanguages(err.localized) : err.message };
        throw err;
      }
    },
  };
}


/** Definitions of any pack-registered kind, read through `db` (a transaction sees its own writes). */
export function definitionStore(db: Knex): DefinitionStore {
  return {
    get: async (kind, name) => {
      const stored = await readKindDefinition(db, kind, name);
      return stored ? { definition: stored.definition as never, version: stored.version, savedBy: stored.updatedBy } : undefined;
    },
    list: async (kind) => (await listKindDefinitions(db, kind)).map((s) => ({ definition: s.definition as never, version: s.version, savedBy: s.updatedBy })),
  };
}
