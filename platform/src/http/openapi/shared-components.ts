import { statusOf, type ErrorCode } from '../../core/errors.ts';
import { errorCodeMessages } from '../../core/messages/error-code-messages.ts';
import { localizedText, type Language } from '../../core/messages/message.ts';
import type { JsonSchema } from './field-schema.ts';

export const ERROR_CODES = Object.keys(errorCodeMessages).map((key) => key.slice('error.'.length) as ErrorCode);

/** The filter language's comparison operators (SPEC §5.3, `query/compile-condition.ts`). */
const FILTER_OPERATORS: Record<string, JsonSchema> = {
  $eq: {},
  $ne: {},
  $gt: {},
  $gte: {},
  $lt: {},
  $lte: {},
  $in: { type: 'array' },
  $nin: { type: 'array' },
  $contains: { type: 'string' },
  $startsWith: { type: 'string' },
  $phone: { type: 'string', description: 'Phone fields: the same number however written (+86, spaces, dashes, extensions).' },
  $null: { type: 'boolean' },
  $between: { type: 'array', minItems: 2, maxItems: 2 },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function schemas(): Record<string, JsonSchema> {
  return {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: ERROR_CODES },
            message: { type: 'string', description: "In the caller's language." },
            details: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string', description: 'A JSON pointer into the request.' }, message: { type: 'string' } } } },
            requestId: { type: 'string' },
          },
        },
      },
    },
    Filter: {
      description: 'The filter language: `{"<path>": {"<op>": value}}` (several keys mean AND), `$and`, `$or`, `$not`. A path is a field or a lookup path such as `parent.industry`. Variables: `$user.id`, `$user.department`, `$user.username`, `$user.account` (the record the user acts for; it matches only lookups to that record\'s object and that object\'s `id`, and nothing when the user has no link), `$today`, `$today+n`.',
      type: 'object',
      properties: {
        $and: { type: 'array', items: ref('Filter') },
        $or: { type: 'array', items: ref('Filter') },
        $not: ref('Filter'),
      },
      additionalProperties: ref('Condition'),
    },
    Condition: {
      description: 'The comparisons of one path.',
      type: 'object',
      properties: FILTER_OPERATORS,
      additionalProperties: false,
      minProperties: 1,
    },
    Id: { type: 'string', pattern: '^[1-9][0-9]*$' },
    Label: { type: 'object', properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } } },
    HistoryEntry: {
      type: 'object',
      properties: {
        id: ref('Id'), action: { type: 'string' }, field: { type: ['string', 'null'] }, old: {}, new: {},
        actor: { type: ['string', 'null'] }, at: { type: 'string', format: 'date-time' }, reverts: { type: ['string', 'null'] }, mergedFrom: { type: ['string', 'null'] },
      },
    },
    InstanceSummary: {
      type: 'object',
      properties: { id: ref('Id'), workflow: { type: 'string' }, version: { type: 'integer' }, state: { type: 'string' }, status: { type: 'string' } },
    },
    Task: { type: 'object', properties: { id: ref('Id'), object: { type: 'string' }, recordId: ref('Id'), state: { type: 'string' }, status: { type: 'string' } }, additionalProperties: true },
    Notification: { type: 'object', properties: { id: ref('Id'), object: { type: 'string' }, objectLabel: { type: 'string' }, recordId: ref('Id'), title: { type: ['string', 'null'] }, readable: { type: 'boolean' }, text: { type: 'string' } }, additionalProperties: true },
    BulkEditResult: {
      type: 'object',
      properties: {
        results: {
          type: 'array',
          items: { type: 'object', required: ['id', 'status'], properties: { id: ref('Id'), status: { type: 'string', enum: ['updated', 'pending', 'failed'] }, version: { type: 'integer' }, pending: { type: 'boolean' }, error: { type: 'object' } } },
        },
      },
    },
    AggregateRequest: {
      type: 'object',
      description: 'One GROUP BY under the caller\'s permissions (docs/reporting.md).',
      properties: { filter: ref('Filter'), groupBy: { type: 'array', items: { type: 'string' } }, measures: { type: 'array', items: { type: 'object' } } },
      additionalProperties: true,
    },
    SavedView: {
      type: 'object',
      properties: {
        filter: ref('Filter'), sort: { type: 'string' }, columns: { type: 'array', items: { type: 'string' } }, type: { type: 'string', enum: ['table', 'kanban', 'calendar'] },
        groupBy: { type: 'string' }, dateField: { type: 'string' }, endField: { type: 'string' }, shared: { type: 'boolean' },
      },
    },
  };
}

/** One response per error status, each in the SPEC §5 shape, described in the caller's language. */
function errorResponses(lang: Language): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of ERROR_CODES) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  return Object.fromEntries([...byStatus].map(([status, codes]) => [
    `Error${status}`,
    {
      description: codes.map((code) => `${code}: ${localizedText(errorCodeMessages[`error.${code}`], lang)}`).join(' '),
      content: { 'application/json': { schema: { allOf: [ref('Error'), { properties: { error: { properties: { code: { enum: codes } } } } }] } } },
    },
  ]));
}

/** `#/components/responses/Error<status>` for the statuses an operation may answer with. */
export function errors(...statuses: number[]): Record<string, { $ref: string }> {
  return Object.fromEntries([...new Set([400, 401, 403, ...statuses, 500])].sort((a, b) => a - b).map((s) => [String(s), { $ref: `#/components/responses/Error${s}` }]));
}

export function sharedComponents(lang: Language) {
  return {
    schemas: schemas(),
    responses: errorResponses(lang),
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'A token from `POST /api/auth/login`.' },
      session: { type: 'apiKey', in: 'cookie', name: 'tessera_session', description: 'The cookie set by `POST /api/auth/login {session: "cookie"}`; every request other than GET, HEAD and OPTIONS also sends `x-csrf-token` (from the login or `GET /api/ui/session`).' },
      csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'Goes with the session cookie on writes.' },
    },
  };
}

/** Either a bearer token, or the session cookie (with its CSRF token on writes). */
export const SECURITY = [{ bearer: [] }, { session: [], csrf: [] }];
export { ref };
