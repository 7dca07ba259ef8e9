import { Router } from 'express';
import { createError, detailText, type ErrorDetail } from '../core/errors.ts';
import type { ObjectDefinition } from '../generated/object.ts';
import type { RoleDocument } from '../generated/role.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import { checkObjectDefinition } from '../definitions/check-object-definition.ts';
import { validateAgainstSchema } from '../metadata/schema-validator.ts';
import { buildSnapshot } from '../metadata/snapshot.ts';
import { checkRoleDocument } from '../definitions/check-role-document.ts';
import { checkWorkflowDefinition, workflowWarnings } from '../definitions/check-workflow-definition.ts';
import { unknownCalendars } from '../definitions/calendar-store.ts';
import { superuserCtx } from './admin-guard.ts';
import type { DefinitionCheck } from './api-types.ts';
import { languageOf, type Services } from './request-context.ts';
import { msg } from '../core/messages/message.ts';
import { kindLabel } from '../core/messages/kind-labels.ts';
import { checkKindDefinition, type RegisteredKind } from '../definitions/definition-kinds.ts';

/**
 * POST /api/ui/check/:kind (object, role, workflow, or a kind a pack registered): the checks a PUT of that definition runs (the
 * JSON Schema, then the semantic checks against the current metadata), without storing anything, so
 * the designers can show problems while the administrator types. 200 `{valid: true}` or the same 422
 * with JSON-pointer details that the PUT would answer; a valid workflow may carry `warnings` (same shape). Checks that need the database (data loss on a
 * type change, users named by id, records that break a new unique rule) are left to the PUT.
 */
export function uiCheckRoutes(services: Services, packKind: (kind: string) => RegisteredKind | undefined): Router {
  const router = Router();
  router.post('/check/:kind', async (req, res) => {
    const { registry, db } = superuserCtx(req, 'check definitions');
    const snapshot = services.holder.snapshot;
    let details: ErrorDetail[];
    let warnings: ErrorDetail[] = [];
    switch (req.params.kind) {
      case 'object': {
        const definition = validateAgainstSchema<ObjectDefinition>('object', req.body);
        const others = [...snapshot.objects.values()].filter((o) => !o.system && o.name !== definition.name).map((o) => ({ definition: o.definition, version: o.version }));
        const candidate = buildSnapshot([...others, { definition, version: 1 }], 0, [...snapshot.roles.values()]);
        details = checkObjectDefinition(definition, candidate, registry);
        break;
      }
      case 'role':
        details = checkRoleDocument(validateAgainstSchema<RoleDocument>('role', req.body), snapshot);
        break;
      case 'workflow': {
        const definition = validateAgainstSchema<WorkflowDefinition>('workflow', req.body);
        details = [...checkWorkflowDefinition(definition, snapshot, registry), ...(await unknownCalendars(definition, db))];
        if (!details.length) warnings = workflowWarnings(definition, snapshot);
        break;
      }
      default: {
        const kind = packKind(req.params.kind);
        if (!kind) throw createError('NOT_FOUND', msg('http.uncheckableKind'));
        await checkKindDefinition(kind, req.body, snapshot, db);
        details = [];
      }
    }
    if (details.length) throw createError('VALIDATION_FAILED', msg('http.definitionInvalid', { kind: kindLabel(req.params.kind) }), details);
    res.json((warnings.length ? { valid: true, warnings: warnings.map((d) => ({ ...d, message: detailText(d, languageOf(req)) })) } : { valid: true }) satisfies DefinitionCheck);
  });
  return router;
}
