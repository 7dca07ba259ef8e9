import { Router, type Request } from 'express';
import { createError } from '../core/errors.ts';
import { listDefinitionVersions } from '../metadata/metadata-store.ts';
import { deleteKindDefinition, listKindDefinitions, putKindDefinition, readKindDefinition, type RegisteredKind } from '../definitions/definition-kinds.ts';
import { superuserCtx } from './admin-guard.ts';
import { definitionEdit } from './definition-body.ts';
import { ctxOf } from './request-context.ts';
import { msg } from '../core/messages/message.ts';
import { kindLabel } from '../core/messages/kind-labels.ts';

/**
 * /api/meta/<plural>[/:name] for calendars and the definition kinds packs register (reports,
 * dashboards, …): every logged-in user reads them (running them is permission-checked), administrators
 * change them.
 */
export function kindDefinitionRoutes(kindByPlural: (plural: string) => RegisteredKind | undefined): Router {
  const router = Router();
  const kindOf = (req: Request): RegisteredKind => {
    const kind = kindByPlural(req.params.plural as string);
    if (!kind) throw createError('NOT_FOUND', msg('http.noEndpoint'));
    return kind;
  };

  router.get('/:plural', async (req, res, next) => {
    const kind = kindByPlural(req.params.plural);
    if (!kind) return next();
    res.json({ data: (await listKindDefinitions(ctxOf(req).db, kind.kind)).map((s) => ({ ...s.definition, version: s.version, updatedAt: s.updatedAt })) });
  });

  router.get('/:plural/:name', async (req, res, next) => {
    const kind = kindByPlural(req.params.plural);
    if (!kind) return next();
    const stored = await readKindDefinition(ctxOf(req).db, kind.kind, req.params.name);
    if (!stored) throw createError('NOT_FOUND', msg('http.noDefinition', { kind: kindLabel(kind), name: req.params.name.slice(0, 80) }));
    res.json({ ...stored.definition, version: stored.version, updatedAt: stored.updatedAt });
  });

  router.get('/:plural/:name/versions', async (req, res, next) => {
    const kind = kindByPlural(req.params.plural);
    if (!kind) return next();
    const versions = await listDefinitionVersions(ctxOf(req).db, kind.kind, req.params.name);
    if (!versions.length) throw createError('NOT_FOUND', msg('http.noDefinition', { kind: kindLabel(kind), name: req.params.name.slice(0, 80) }));
    res.json({ data: versions });
  });

  router.put('/:plural/:name', async (req, res) => {
    const kind = kindOf(req);
    const ctx = superuserCtx(req, `change ${kind.plural}`);
    const edit = definitionEdit(req, kind);
    const result = await putKindDefinition(kind, edit.definition, ctx, edit.expectedVersion);
    res.status(result.created ? 201 : 200).json({ ...result.definition, version: result.version });
  });

  router.delete('/:plural/:name', async (req, res) => {
    const kind = kindOf(req);
    await deleteKindDefinition(kind, req.params.name, superuserCtx(req, `delete ${kind.plural}`));
    res.status(204).end();
  });

  return router;
}
