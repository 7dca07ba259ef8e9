import { Router } from 'express';
import { createError } from '../core/errors.ts';
import { deleteRole, listRoles, putRole, readRole, type StoredRole } from '../permissions/role-store.ts';
import { ctxOf } from './request-context.ts';

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

const roleBody = (role: StoredRole) => ({ ...role.document, updatedAt: role.updatedAt });

/** Role documents (SPEC 5.4); only superusers may read or change them. */
export function adminRoleRoutes(): Router {
  const router = Router();

  router.use((req, _res, next) => {
    if (!ctxOf(req).actor.superuser) throw createError('FORBIDDEN', 'Only administrators may manage roles.');
    next();
  });

  router.get('/', async (req, res) => {
    res.json({ data: await listRoles(ctxOf(req)) });
  });

  router.get('/:name', async (req, res) => {
    res.json(roleBody(await readRole(req.params.name, ctxOf(req))));
  });

  router.put('/:name', async (req, res) => {
    const ctx = ctxOf(req);
    const name = req.params.name;
    if (!NAME.test(name)) throw createError('BAD_REQUEST', 'Role names are lower-case letters, digits and underscores, starting with a letter.');
    const body = req.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw createError('BAD_REQUEST', 'The request body must be a role document.');
    if (body.name !== undefined && body.name !== name) {
      throw createError('VALIDATION_FAILED', 'The name in the body differs from the name in the address.', [{ path: '/name', message: `must be '${name}'` }]);
    }
    // updatedAt is maintained here, so a document read with GET can be sent back as it is.
    const { updatedAt: _updatedAt, ...document } = body;
    const result = await putRole({ ...document, name }, ctx);
    res.status(result.created ? 201 : 200).json(roleBody(result));
  });

  router.delete('/:name', async (req, res) => {
    await deleteRole(req.params.name, ctxOf(req));
    res.status(204).end();
  });

  return router;
}
