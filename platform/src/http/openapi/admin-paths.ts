import { errors } from './shared-components.ts';

const json = (schema: unknown) => ({ 'application/json': { schema } });
const flag = (name: string, description: string) => ({ name, in: 'query', schema: { type: 'boolean', default: false }, description });

const pointerChange = {
  type: 'object', required: ['pointer', 'change'],
  properties: { pointer: { type: 'string', description: 'RFC 6901 pointer into the definition.' }, change: { type: 'string', enum: ['added', 'removed', 'changed'] }, before: {}, after: {} },
};

const definitionDiff = {
  type: 'object',
  required: ['kind', 'kindLabel', 'plural', 'name', 'label', 'change', 'at', 'changes', 'lossy', 'losses', 'notes'],
  properties: {
    kind: { type: 'string', description: 'object, role, workflow, or a kind a pack registered (report, dashboard, analysis, …).' },
    kindLabel: { type: 'object', description: 'The kind\'s name in en and zh-CN.' },
    plural: { type: 'string', description: 'Its folder in the bundle.' },
    name: { type: 'string' },
    label: { type: ['object', 'null'] },
    change: { type: 'string', enum: ['added', 'changed', 'removed'] },
    at: { type: ['string', 'null'], description: 'Pointer of the definition in the bundle, e.g. /definitions/objects/3; null for a removal.' },
    changes: { type: 'array', items: pointerChange },
    lossy: { type: 'boolean', description: 'Applying it deletes stored data.' },
    losses: { type: 'array', items: { type: 'string' }, description: 'What would be lost, with record counts.' },
    notes: { type: 'array', items: { type: 'string' }, description: 'Worth knowing, losing no data (a role losing permissions).' },
  },
};

const bundle = {
  type: 'object', required: ['manifest', 'definitions'],
  description: 'A pack as one document: `manifest` is its pack.json, `definitions.<plural>` the files of metadata/<plural>/.',
  properties: {
    manifest: { type: 'object', description: 'A pack manifest (metadata/schemas/pack.schema.json).' },
    definitions: { type: 'object', additionalProperties: { type: 'array', items: { type: 'object', required: ['name'] } } },
  },
};

const importResult = {
  type: 'object',
  properties: {
    basis: { type: 'string', description: 'Hash of this system\'s configuration the diff was computed against; the apply sends it back.' },
    items: { type: 'array', items: definitionDiff },
    unchanged: { type: 'integer' },
    removeMissing: { type: 'boolean' },
    problems: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' }, definition: { type: 'string' }, code: { type: 'string' } } } },
    applied: { type: 'boolean' },
    importId: { type: ['string', 'null'] },
  },
};

/** Superusers' endpoints for moving a configuration between systems (docs/configuration-transfer.md). */
export function adminPaths(): Record<string, Record<string, unknown>> {
  return {
    '/admin/config/export': {
      get: {
        tags: ['admin'], operationId: 'config.export', summary: 'Export the configuration',
        description: 'Every object, role, workflow and pack-kind definition of this system as one pack document.',
        parameters: [flag('download', 'Answer as a file to save (content-disposition: attachment).')],
        responses: { 200: { description: 'The bundle.', content: json(bundle) }, ...errors() },
      },
    },
    '/admin/config/import': {
      post: {
        tags: ['admin'], operationId: 'config.import', summary: 'Import a configuration (dry run or apply)',
        description: 'The diff against this system per definition. With `dryRun=true` every definition is also checked as the admin API checks it, and nothing is written. Without it, `basis` (from the dry run) is required and everything is applied in one transaction, or nothing: a problem answers 422 (409 when only data loss stands in the way), a changed system 409 STALE_VERSION.',
        parameters: [
          flag('dryRun', 'Check and answer the diff and every problem; change nothing.'),
          flag('removeMissing', 'Remove definitions of this system that the bundle\'s folders lack (workflows are deactivated).'),
          flag('acceptLossy', 'Apply changes that delete stored data.'),
          { name: 'basis', in: 'query', schema: { type: 'string' }, description: 'The dry run\'s basis; required to apply.' },
        ],
        requestBody: { required: true, content: json(bundle) },
        responses: { 200: { description: 'The diff, the problems (a dry run) and whether it was applied.', content: json(importResult) }, ...errors(409, 422) },
      },
    },
    '/admin/config/imports': {
      get: {
        tags: ['admin'], operationId: 'config.imports', summary: 'Applied imports',
        responses: { 200: { description: 'The latest 100: who, when, which bundle, what changed.', content: json({ type: 'object', properties: { data: { type: 'array', items: { type: 'object' } } } }) }, ...errors() },
      },
    },
  };
}
