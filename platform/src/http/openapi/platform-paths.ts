import { errors, ref } from './shared-components.ts';

type PathItem = Record<string, Record<string, unknown>>;

const json = (schema: unknown) => ({ 'application/json': { schema } });
const body = (schema: unknown) => ({ required: true, content: json(schema) });
const ok = (description: string, schema: unknown = { type: 'object' }) => ({ 200: { description, content: json(schema) } });
const path = (name: string, schema: unknown = { type: 'string' }) => ({ name, in: 'path', required: true, schema });
const query = (name: string, schema: unknown, description?: string) => ({ name, in: 'query', schema, ...(description ? { description } : {}) });
const op = (tag: string, operationId: string, summary: string, rest: Record<string, unknown>) => ({ tags: [tag], operationId, summary, ...rest });

/** Endpoints every signed-in user has (each still checks the caller): auth, metadata, search, views, workflow tasks and notifications. */
export function platformPaths(): Record<string, PathItem> {
  return {
    '/auth/login': {
      post: op('auth', 'auth.login', 'Log in', {
        security: [],
        requestBody: body({ type: 'object', required: ['username', 'password'], properties: {
          username: { type: 'string' }, password: { type: 'string', format: 'password' }, session: { type: 'string', enum: ['cookie', 'token'] },
          app: { type: 'string', enum: ['staff', 'portal'], description: 'The application signed in to: a user of the other kind is refused with 403 and `signInAt` (`/portal` or `/`). API clients leave it out.' },
        } }),
        responses: { ...ok('`{token, expiresAt, user}`, or with `session: "cookie"` the cookie and `{csrfToken, expiresAt, user}`; `user.kind` is `staff` or `portal`.'), ...errors(423, 429) },
      }),
    },
    '/auth/logout': { post: op('auth', 'auth.logout', 'Log out', { responses: { 204: { description: 'The token is revoked.' }, ...errors() } }) },
    '/auth/me': { get: op('auth', 'auth.me', 'The caller', { responses: { ...ok('The signed-in user, with `kind` (`staff` or `portal`) and `account` (`{object, id}` of the record they act for, or null).'), ...errors() } }) },
    '/portal/sign-up': {
      post: op('auth', 'portal.signUp', 'Sign up to the customer portal', {
        security: [],
        requestBody: body({ type: 'object', required: ['email', 'password', 'name', 'language', 'company'], properties: {
          email: { type: 'string', format: 'email' }, password: { type: 'string', format: 'password' }, name: { type: 'string' }, language: { type: 'string', enum: ['en', 'zh-CN'] },
          company: { type: 'object', description: 'The company details the pack handling sign-ups asks for (`GET /api/portal/ui`, `signUp`).' },
        } }),
        responses: { 202: { description: '`{email, expiresAt}`: an inactive portal user; the verification link is mailed.', content: json({ type: 'object' }) }, ...errors(404, 409, 422, 429) },
      }),
    },
    '/portal/verify': {
      post: op('auth', 'portal.verify', 'Verify a portal sign-up', {
        security: [],
        requestBody: body({ type: 'object', required: ['token'], properties: { token: { type: 'string' } } }),
        responses: { ...ok('`{active}`: the address is verified and the sign-up handed to the pack for approval.'), ...errors(400, 404, 429) },
      }),
    },
    '/portal/ui': { get: op('auth', 'portal.ui', 'The portal\'s pages and sign-up fields', { security: [], responses: { ...ok('`{menu, pages, signUp}` of the installed packs.') } }) },
    '/ui/session': { get: op('auth', 'ui.session', 'CSRF token of the cookie session', { responses: { ...ok('`{csrfToken, kind}`', { type: 'object', properties: { csrfToken: { type: 'string' }, kind: { type: 'string', enum: ['staff', 'portal'] } } }), ...errors() } }) },
    '/meta/objects': { get: op('meta', 'meta.objects', 'Objects', { responses: { ...ok('Objects: name, label, version.'), ...errors() } }) },
    '/meta/objects/{name}': {
      get: op('meta', 'meta.object', 'Object definition', { parameters: [path('name')], responses: { ...ok('The definition and its version.'), ...errors(404) } }),
      put: op('meta', 'meta.putObject', 'Create or change an object', { parameters: [path('name'), query('force', { type: 'boolean' })], requestBody: body({ type: 'object' }), responses: { ...ok('The definition as stored.'), 201: { description: 'Created.' }, ...errors(409, 422) } }),
      delete: op('meta', 'meta.deleteObject', 'Delete an object', { parameters: [path('name'), query('force', { type: 'boolean' })], responses: { 204: { description: 'Deleted.' }, ...errors(404, 409) } }),
    },
    '/meta/objects/{name}/versions': { get: op('meta', 'meta.objectVersions', 'Definition history', { parameters: [path('name')], responses: { ...ok('Versions of the definition.'), ...errors(404) } }) },
    '/meta/calendars': { get: op('meta', 'meta.calendars', 'Business-hours calendars', { responses: { ...ok('Calendars with their versions.'), ...errors() } }) },
    '/meta/calendars/{name}': {
      get: op('meta', 'meta.calendar', 'Calendar definition', { parameters: [path('name')], responses: { ...ok('The definition and its version.'), ...errors(404) } }),
      put: op('meta', 'meta.putCalendar', 'Create or change a calendar (administrators)', { parameters: [path('name')], requestBody: body({ type: 'object' }), responses: { ...ok('The definition as stored.'), 201: { description: 'Created.' }, ...errors(403, 409, 422) } }),
      delete: op('meta', 'meta.deleteCalendar', 'Delete a calendar (administrators)', { parameters: [path('name')], responses: { 204: { description: 'Deleted.' }, ...errors(403, 404, 409) } }),
    },
    '/meta/calendars/{name}/due': {
      post: op('meta', 'meta.calendarDue', 'When working hours on a calendar run out', {
        parameters: [path('name')],
        requestBody: body({ type: 'object', required: ['start', 'hours'], properties: { start: { type: 'string', format: 'date-time' }, hours: { type: 'number', exclusiveMinimum: 0, maximum: 20000 } } }),
        responses: { ...ok('`{calendar, version, timezone, start, hours, due}`: `due` is the moment `hours` of working time after `start`.'), ...errors(400, 404, 422) },
      }),
    },
    '/meta/calendars/{name}/versions': { get: op('meta', 'meta.calendarVersions', 'Calendar history', { parameters: [path('name')], responses: { ...ok('Versions of the calendar.'), ...errors(404) } }) },
    '/permissions/mine': { get: op('meta', 'permissions.mine', 'What the caller may do', { responses: { ...ok('Operations and field access per object.'), ...errors() } }) },
    '/search': {
      get: op('search', 'search', 'Global search', {
        parameters: [query('q', { type: 'string', minLength: 2, maxLength: 100 }, 'Text to find in titles and search fields.'), query('limit', { type: 'integer', minimum: 1, maximum: 50, default: 5 }, 'At most this many records per object.')],
        responses: { ...ok('`{query, data: [{object, records: [{id, title, field, value}], more}]}`'), ...errors() },
      }),
    },
    '/views/{object}': { get: op('views', 'views.list', 'Saved views of an object', { parameters: [path('object')], responses: { ...ok('The caller\'s views and those shared with them.'), ...errors(404) } }) },
    '/views/{object}/{name}': {
      put: op('views', 'views.put', 'Save a view', { parameters: [path('object'), path('name')], requestBody: body(ref('SavedView')), responses: { ...ok('The saved view.'), ...errors(404) } }),
      delete: op('views', 'views.delete', 'Delete a view', { parameters: [path('object'), path('name')], responses: { 204: { description: 'Deleted.' }, ...errors(404) } }),
    },
    '/recycle-bin': { get: op('records', 'recycleBin.list', 'Recycle bin', { parameters: [query('object', { type: 'string' })], responses: { ...ok('Deleted records the caller may restore.'), ...errors() } }) },
    '/recycle-bin/{object}/{id}/restore': { post: op('records', 'recycleBin.restore', 'Restore', { parameters: [path('object'), path('id', ref('Id'))], responses: { ...ok('The restored record.'), ...errors(404, 409) } }) },
    '/tasks': {
      get: op('workflow', 'tasks.list', 'Approval tasks', { parameters: [query('status', { type: 'string' }), query('limit', { type: 'integer' })], responses: { ...ok('The caller\'s tasks.', { type: 'object', properties: { data: { type: 'array', items: ref('Task') } } }), ...errors() } }),
    },
    '/tasks/{id}/approve': { post: op('workflow', 'tasks.approve', 'Approve', { parameters: [path('id', ref('Id'))], requestBody: body({ type: 'object', properties: { comment: { type: 'string' } } }), responses: { ...ok('The task, whether it decided, the instance.'), ...errors(404, 409) } }) },
    '/tasks/{id}/reject': { post: op('workflow', 'tasks.reject', 'Reject', { parameters: [path('id', ref('Id'))], requestBody: body({ type: 'object', properties: { comment: { type: 'string' } } }), responses: { ...ok('The task, whether it decided, the instance.'), ...errors(404, 409) } }) },
    '/tasks/{id}/delegate': { post: op('workflow', 'tasks.delegate', 'Delegate', { parameters: [path('id', ref('Id'))], requestBody: body({ type: 'object', required: ['to'], properties: { to: ref('Id') } }), responses: { ...ok('The delegated task.'), ...errors(404, 409) } }) },
    '/notifications': {
      get: op('workflow', 'notifications.list', 'Notifications', { parameters: [query('unread', { type: 'boolean' }), query('limit', { type: 'integer', minimum: 1, maximum: 200 })], responses: { ...ok('Newest first.', { type: 'object', properties: { data: { type: 'array', items: ref('Notification') }, unread: { type: 'integer' } } }), ...errors() } }),
    },
    '/notifications/read': { post: op('workflow', 'notifications.read', 'Mark read', { requestBody: body({ oneOf: [{ type: 'object', required: ['ids'], properties: { ids: { type: 'array', items: ref('Id') } } }, { type: 'object', required: ['all'], properties: { all: { const: true } } }] }), responses: { ...ok('The unread count.'), ...errors() } }) },
  };
}

/** The reporting pack's endpoints (docs/reporting.md), present while it is installed. */
export function reportPaths(): Record<string, PathItem> {
  const name = path('name');
  return {
    '/meta/reports': { get: op('reports', 'reports.list', 'Report definitions', { responses: { ...ok('The reports the caller may see.'), ...errors() } }) },
    '/meta/reports/{name}': {
      get: op('reports', 'reports.get', 'Report definition', { parameters: [name], responses: { ...ok('The definition.'), ...errors(404) } }),
      put: op('reports', 'reports.put', 'Save a report', { parameters: [name], requestBody: body({ type: 'object' }), responses: { ...ok('The definition as stored.'), ...errors(409, 422) } }),
      delete: op('reports', 'reports.delete', 'Delete a report', { parameters: [name], responses: { 204: { description: 'Deleted.' }, ...errors(404) } }),
    },
    '/reports/{name}/run': { get: op('reports', 'reports.run', 'Run a report', { parameters: [name], responses: { ...ok('Rows and totals under the caller\'s permissions.'), ...errors(404) } }) },
    '/reports/run': { post: op('reports', 'reports.runDefinition', 'Run an unsaved report', { requestBody: body({ type: 'object' }), responses: { ...ok('Rows and totals.'), ...errors(422) } }) },
    '/reports/{name}/export': { get: op('reports', 'reports.export', 'Export a report', { parameters: [name, query('format', { type: 'string', enum: ['csv', 'xlsx'] })], responses: { 200: { description: 'The file.', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(404) } }) },
    '/meta/dashboards/{name}': { get: op('reports', 'dashboards.get', 'Dashboard definition', { parameters: [name], responses: { ...ok('The definition.'), ...errors(404) } }) },
    '/dashboards/{name}/run': { get: op('reports', 'dashboards.run', 'Run a dashboard', { parameters: [name], responses: { ...ok('Each widget\'s result.'), ...errors(404) } }) },
  };
}
