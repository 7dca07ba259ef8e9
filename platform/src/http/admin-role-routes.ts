import { Router } from 'express';
import { deleteRole, listRoles, putRole, readRole, type StoredRole } from '../definitions/role-store.ts';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { requireSuperuser } from './admin-guard.ts';
import type { StoredRoleDocument } from './api-types.ts';
import { definitionEdit } from './definition-body.ts';
import { ctxOf, type Services } from './request-context.ts';

const roleBody = (role: StoredRole): StoredRoleDocument => ({ ...role.document, updatedAt: role.updatedAt });

/** Role documents (SPEC 5.4); only superusers may read or change them. */
export function adminRoleRoutes(services: Services): Router {
  const router = Router();

  router.use(requireSuperuser('manage roles'));

  router.get('/', async (req, res) => {
    res.json({ data: await listRoles(ctxOf(req)) });
  });

  router.get('/:name', async (req, res) => {
    res.json(roleBody(await readRole(req.params.name, ctxOf(req))));
  });

  router.put('/:name', async (req, res) => {
    const ctx = ctxOf(req);
    const edit = definitionEdit(req, 'role');
    if (edit.expectedVersion !== undefined) {
      throw createError('VALIDATION_FAILED', msg('role.noVersion'), [{ path: '/version', message: msg('role.notAProperty') }]);
    }
    // A role read with GET can be sent back as it is; its updatedAt is the optimistic lock.
    const result = await putRole(edit.definition, ctx, services.holder, edit.expectedUpdatedAt);
    res.status(result.created ? 201 : 200).json(roleBody(result));
  });

  router.delete('/:name', async (req, res) => {
    await deleteRole(req.params.name, ctxOf(req), services.holder);
    res.status(204).end();
  });

  return router;
}
