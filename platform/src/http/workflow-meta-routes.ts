import { Router } from 'express';
import { createError, detailText } from '../core/errors.ts';
import { listWorkflowVersions, listWorkflows, putWorkflow, readWorkflow } from '../definitions/workflow-store.ts';
import { workflowGraph } from '../metadata/workflow-shape.ts';
import { superuserCtx } from './admin-guard.ts';
import type { SavedWorkflow, StoredWorkflow } from './api-types.ts';
import { definitionEdit } from './definition-body.ts';
import { ctxOf, type Services } from './request-context.ts';
import { msg } from '../core/messages/message.ts';

function versionParam(value: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw createError('NOT_FOUND', msg('http.noVersion', { version: value.slice(0, 20) }));
  return Number(value);
}

/** Workflow definitions (SPEC 5.5): every user may read them (forms and diagrams need them), administrators change them. */
export function workflowMetaRoutes(services: Services): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ data: await listWorkflows(ctxOf(req)) });
  });

  router.get('/:name', async (req, res) => {
    const { definition, version } = await readWorkflow(req.params.name, ctxOf(req));
    res.json({ ...definition, version, graph: workflowGraph(definition) } satisfies StoredWorkflow);
  });

  router.get('/:name/versions', async (req, res) => {
    res.json({ data: await listWorkflowVersions(req.params.name, ctxOf(req)) });
  });

  router.get('/:name/versions/:version', async (req, res) => {
    const { definition, version } = await readWorkflow(req.params.name, ctxOf(req), versionParam(req.params.version));
    res.json({ ...definition, version, graph: workflowGraph(definition) } satisfies StoredWorkflow);
  });

  router.put('/:name', async (req, res) => {
    const ctx = superuserCtx(req, 'change workflows');
    const edit = definitionEdit(req, 'workflow');
    const result = await putWorkflow(edit.definition, ctx, services.holder, edit.expectedVersion);
    const warnings = result.warnings.length ? { warnings: result.warnings.map((d) => ({ ...d, message: detailText(d, ctx.lang) })) } : {};
    res.status(result.created ? 201 : 200).json({ ...result.definition, version: result.version, graph: workflowGraph(result.definition), ...warnings } satisfies SavedWorkflow);
  });

  return router;
}
