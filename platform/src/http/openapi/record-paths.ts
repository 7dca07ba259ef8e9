import type { ObjectInfo } from '../../core/snapshot-types.ts';
import { localizedText, type Language } from '../../core/messages/message.ts';
import type { ObjectAccess } from '../../permissions/caller-access.ts';
import { schemaNames } from './record-schemas.ts';
import { errors, ref } from './shared-components.ts';

type Operation = Record<string, unknown>;
type PathItem = Record<string, Operation>;

const json = (schema: unknown) => ({ 'application/json': { schema } });
const body = (schema: unknown, required = true) => ({ required, content: json(schema) });
const ok = (description: string, schema: unknown, status = '200') => ({ [status]: { description, content: json(schema) } });
const idParam = { name: 'id', in: 'path', required: true, schema: ref('Id') };
const query = (name: string, description: string, schema: unknown) => ({ name, in: 'query', description, schema });

const LIST_PARAMETERS = [
  { name: 'filter', in: 'query', description: 'A filter in the filter language, as JSON.', content: json(ref('Filter')) },
  query('sort', 'Comma-separated fields, a leading `-` sorts descending: `-annual_revenue,name`.', { type: 'string' }),
  query('limit', 'Records per page.', { type: 'integer', minimum: 1, maximum: 500, default: 50 }),
  query('cursor', 'The `nextCursor` of the previous page.', { type: 'string' }),
  query('fields', 'Comma-separated fields to return (besides `id` and `_version`).', { type: 'string' }),
  query('count', 'Also count every matching record (`total`).', { type: 'boolean' }),
  query('titles', 'Also return the titles of the lookup values on the page.', { type: 'boolean' }),
];

/** The records endpoints of one object the caller may use, each with the object's own schemas. */
export function recordPaths(object: ObjectInfo, access: ObjectAccess, hasWorkflow: boolean, lang: Language): Record<string, PathItem> {
  const label = localizedText(object.label, lang);
  const names = schemaNames(object.name);
  const record = ref(names.record);
  const can = (op: string) => access.operations[op] === true;
  const tags = [object.name];
  const op = (id: string, summary: string, rest: Operation): Operation => ({ tags, operationId: `${object.name}.${id}`, summary: `${summary}: ${label}`, ...rest });
  const base = `/records/${object.name}`;
  const paths: Record<string, PathItem> = {};
  const add = (path: string, method: string, operation: Operation) => {
    paths[path] = { ...paths[path], [method]: operation };
  };

  if (can('read')) {
    add(base, 'get', op('list', 'List', {
      parameters: LIST_PARAMETERS,
      responses: {
        ...ok('A page of records the caller may read.', {
          type: 'object',
          required: ['data', 'nextCursor'],
          properties: { data: { type: 'array', items: record }, nextCursor: { type: ['string', 'null'] }, total: { type: 'integer' }, titles: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } } },
        }),
        ...errors(),
      },
    }));
    add(`${base}/{id}`, 'get', op('get', 'Read', {
      parameters: [idParam, query('fields', 'Comma-separated fields to return.', { type: 'string' })],
      responses: { ...ok('The record.', record), ...errors(404) },
    }));
    add(`${base}/{id}/history`, 'get', op('history', 'History', {
      parameters: [idParam],
      responses: { ...ok('Changes, newest first; changes to fields hidden from the caller are left out.', { type: 'object', properties: { data: { type: 'array', items: ref('HistoryEntry') } } }), ...errors(404) },
    }));
    add(`${base}/aggregate`, 'post', op('aggregate', 'Aggregate', {
      requestBody: body(ref('AggregateRequest')),
      responses: { ...ok('The groups and their measures.', { type: 'object' }), ...errors(422) },
    }));
  }
  if (can('create')) {
    add(base, 'post', op('create', 'Create', {
      requestBody: body(ref(names.create)),
      responses: { ...ok('The new record, formulas computed.', record, '201'), ...errors(409, 422) },
    }));
  }
  if (can('update')) {
    add(`${base}/{id}`, 'patch', op('update', 'Update', {
      parameters: [idParam],
      requestBody: body(ref(names.update)),
      responses: { ...ok('The record as changed.', record), ...errors(404, 409, 422, 423) },
    }));
    add(base, 'patch', op('bulkEdit', 'Edit selected', {
      requestBody: body({
        type: 'object',
        required: ['records', 'values'],
        properties: {
          records: { type: 'array', minItems: 1, maxItems: 200, items: { type: 'object', required: ['id', '_version'], properties: { id: ref('Id'), _version: { type: 'integer' } } } },
          values: ref(names.values),
        },
      }),
      responses: { ...ok('One result per record; one refusal undoes nothing of the others.', ref('BulkEditResult')), ...errors(404) },
    }));
  }
  if (can('delete')) {
    add(`${base}/{id}`, 'delete', op('delete', 'Delete', {
      parameters: [idParam],
      responses: { 204: { description: 'Moved to the recycle bin.' }, ...errors(404, 409, 423) },
    }));
  }
  if (can('import')) {
    add(`${base}/import`, 'post', op('import', 'Import', {
      parameters: [query('dryRun', 'Check every row and change nothing.', { type: 'boolean' }), query('wait', 'Answer when the import has finished.', { type: 'boolean' })],
      requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array', items: ref(names.create) } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
      responses: { ...ok('The import job (docs/import-export.md).', { type: 'object' }), 202: { description: 'The import runs as a job.', content: json({ type: 'object' }) }, ...errors(413, 422) },
    }));
    add(`${base}/import/{jobId}`, 'get', op('importProgress', 'Import progress', {
      parameters: [{ name: 'jobId', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { ...ok('The import progress.', { type: 'object' }), ...errors(404) },
    }));
  }
  if (can('export')) {
    add(`${base}/export`, 'get', op('export', 'Export', {
      parameters: [
        query('format', 'The file format.', { type: 'string', enum: ['csv', 'xlsx', 'json'] }),
        { name: 'filter', in: 'query', description: 'A filter in the filter language, as JSON.', content: json(ref('Filter')) },
        query('codes', 'The machine form (values, not labels).', { type: 'boolean' }),
      ],
      responses: { 200: { description: 'The records, streamed.', content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array', items: record } } } }, ...errors() },
    }));
  }
  if (hasWorkflow && can('read')) {
    const instance = { ...ok('The workflow instance.', ref('InstanceSummary')), ...errors(404, 409, 422, 423) };
    const comment = body({ type: 'object', properties: { comment: { type: 'string' }, workflow: { type: 'string' }, event: { type: 'string' } } }, false);
    if (can('submit')) {
      add(`${base}/{id}/submit`, 'post', op('submit', 'Submit for approval', { parameters: [idParam], requestBody: comment, responses: instance }));
      add(`${base}/{id}/recall`, 'post', op('recall', 'Recall', { parameters: [idParam], requestBody: comment, responses: instance }));
    }
    add(`${base}/{id}/transition`, 'post', op('transition', 'Transition', { parameters: [idParam], requestBody: comment, responses: instance }));
    add(`${base}/{id}/workflow`, 'get', op('workflow', 'Workflow', { parameters: [idParam], responses: { ...ok('The record\'s workflow, its state and history.', { type: 'object' }), ...errors(404) } }));
  }
  return paths;
}
