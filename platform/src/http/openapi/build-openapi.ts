import type { Ctx } from '../../core/ctx.ts';
import { localizedText } from '../../core/messages/message.ts';
import { objectAccess } from '../../permissions/caller-access.ts';
import { platformPaths, reportPaths } from './platform-paths.ts';
import { adminPaths } from './admin-paths.ts';
import { recordPaths } from './record-paths.ts';
import { recordSchemas } from './record-schemas.ts';
import { SECURITY, sharedComponents } from './shared-components.ts';

export interface OpenApiOptions {
  /** The reporting pack's endpoints are described while it is installed. */
  reporting: boolean;
}

/**
 * The OpenAPI 3.1 document of the API as the caller may use it, built from the live metadata
 * snapshot: only the objects they may read, in each only the fields they may read, the bodies and
 * operations their roles grant; labels in their language. An administrator sees everything.
 */
export function buildOpenApi(ctx: Ctx, options: OpenApiOptions) {
  const { schema, lang } = ctx;
  const components = sharedComponents(lang);
  const objectTags: Record<string, unknown>[] = [];
  let paths: Record<string, Record<string, unknown>> = {};
  const workflowObjects = new Set([...schema.workflows.values()].map((w) => w.definition.object));
  for (const object of [...schema.objects.values()].filter((o) => !o.system).sort((a, b) => a.name.localeCompare(b.name))) {
    const access = objectAccess(object.name, ctx);
    if (!access.operations.read) continue;
    Object.assign(components.schemas, recordSchemas(object, access, lang));
    paths = { ...paths, ...recordPaths(object, access, workflowObjects.has(object.name), lang) };
    objectTags.push({ name: object.name, 'x-displayName': localizedText(object.label, lang), ...(object.definition.description ? { description: object.definition.description } : {}) });
  }
  const admin = ctx.actor.superuser;
  paths = { ...paths, ...platformPaths(), ...(options.reporting ? reportPaths() : {}), ...(admin ? adminPaths() : {}) };
  const platformTags = ['auth', 'meta', 'records', 'search', 'views', 'workflow', ...(options.reporting ? ['reports'] : []), ...(admin ? ['admin'] : [])].map((name) => ({ name, 'x-tessera-platform': true }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tessera API',
      version: String(schema.version),
      description: 'Built from the live metadata for the caller: the objects and fields they may read, the operations their roles grant. Errors come in one shape (`#/components/schemas/Error`).',
    },
    servers: [{ url: '/api' }],
    security: SECURITY,
    tags: [...objectTags, ...platformTags],
    paths,
    components,
  };
}
