import { Router } from 'express';
import { createError } from '../core/errors.ts';
import { listDefinitionVersions } from '../metadata/metadata-store.ts';
import { deleteObjectDefinition, putObjectDefinition } from '../definitions/object-registry.ts';
import { superuserCtx } from './admin-guard.ts';
import type { DataAnswer, ObjectSummary, ObjectVersion, SavedObject, StoredObject } from './api-types.ts';
import { definitionEdit } from './definition-body.ts';
import { ctxOf, type Services } from './request-context.ts';
import { msg } from '../core/messages/message.ts';
import { kindLabel } from '../core/messages/kind-labels.ts';


const isForce = (value: unknown) => value === 'true' || value === '1';

/** Object definitions: reading is open to every logged-in user (forms need them), changing is for administrators. */
export function metaRoutes(services: Services): Router {
  const router = Router();

  router.get('/objects', (req, res) => {
    const schema = ctxOf(req).schema;
    const data = [...schema.objects.values()]
      .filter((o) => !o.system)
      .map((o): ObjectSummary => ({ name: o.name, label: o.label, version: o.version, titleField: o.titleField, fieldCount: o.customFields.length }));
    res.json({ data } satisfies DataAnswer<ObjectSummary>);
  });

  router.get('/objects/:name', (req, res) => {
    const object = ctxOf(req).schema.object(req.params.name, { recordsOnly: true });
    res.json({ ...object.definition, version: object.version } satisfies StoredObject);
  });

  router.get('/objects/:name/versions', async (req, res) => {
    const versions = await listDefinitionVersions(ctxOf(req).db, 'object', req.params.name);
    if (!versions.length) throw createError('NOT_FOUND', msg('http.noDefinition', { kind: kindLabel('object'), name: req.params.name }));
    res.json({ data: versions.map(({ definition: _definition, ...version }) => version) } satisfies DataAnswer<ObjectVersion>);
  });

  router.put('/objects/:name', async (req, res) => {
    const ctx = superuserCtx(req, 'change object definitions');
    const edit = definitionEdit(req, 'object');
    const result = await putObjectDefinition(edit.definition, { force: isForce(req.query.force), expectedVersion: edit.expectedVersion }, ctx, services.holder);
    res.status(result.created ? 201 : 200).json({ ...result.definition, version: result.version, changes: result.changes } satisfies SavedObject);
  });

  router.delete('/objects/:name', async (req, res) => {
    const ctx = superuserCtx(req, 'change object definitions');
    await deleteObjectDefinition(req.params.name, { force: isForce(req.query.force) }, ctx, services.holder);
    res.status(204).end();
  });

  return router;
}
