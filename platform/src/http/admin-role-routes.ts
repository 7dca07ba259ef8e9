import { Router } from 'express';
import { deleteRole, listRoles, putRole, readRole, type StoredRole } from '../permissions/role-store.ts';
import { namedDefinitionBody, requireSuperuser } from './admin-guard.ts';
import { ctxOf, type Services } from './request-context.ts';

const roleBody = (role: StoredRole) => ({ ...role.document, updatedAt: role.updatedAt });

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
    const { name, body } = namedDefinitionBody(req, 'role');
    // updatedAt is maintained here, so a document read with GET can be sent back as it is.
    const { updatedAt: _updatedAt, ...document } = body;
    const result = await putRole({ ...document, name }, ctx, services.holder);
    res.status(result.created ? 201 : 200).json(roleBody(result));
  });

  router.delete('/:name', async (req, res) => {
    await deleteRole(req.params.name, ctxOf(req), services.holder);
    res.status(204).end();
  });

  return router;
}
