import { Router } from 'express';
import { createDepartment, deleteDepartment, getDepartment, listDepartments, parseDepartmentInput, updateDepartment } from '../organisation/departments.ts';
import { idParam } from '../organisation/organisation-input.ts';
import { createUser, deactivateUser, getUser, listUsers, parseUserInput, parseUserListQuery, unlockUser, updateUser, type User } from '../organisation/users.ts';
import { requireSuperuser } from './admin-guard.ts';
import { accountLinkCheck, withAccountTitles } from '../records/account-links.ts';
import type { Ctx } from '../core/ctx.ts';
import { ctxOf, type Services } from './request-context.ts';

const withAccountTitle = async (user: User, ctx: Ctx) => (await withAccountTitles([user], ctx))[0];

/** Departments and users (SPEC §5.1), for administrators only. */
export function adminOrganisationRoutes(services: Services): Router {
  const router = Router();
  router.use(['/departments', '/users'], requireSuperuser('manage departments and users'));

  router.get('/departments', async (req, res) => {
    res.json({ data: await listDepartments(ctxOf(req)) });
  });
  router.get('/departments/:id', async (req, res) => {
    res.json(await getDepartment(idParam(req.params.id, 'department'), ctxOf(req)));
  });
  router.post('/departments', async (req, res) => {
    res.status(201).json(await createDepartment(parseDepartmentInput(req.body, { creating: true }), ctxOf(req)));
  });
  router.patch('/departments/:id', async (req, res) => {
    const id = idParam(req.params.id, 'department');
    res.json(await updateDepartment(id, parseDepartmentInput(req.body, { creating: false }), ctxOf(req)));
  });
  router.delete('/departments/:id', async (req, res) => {
    await deleteDepartment(idParam(req.params.id, 'department'), ctxOf(req));
    res.status(204).end();
  });

  router.get('/users', async (req, res) => {
    const ctx = ctxOf(req);
    const page = await listUsers(parseUserListQuery(req.query as Record<string, unknown>), ctx);
    res.json({ ...page, data: await withAccountTitles(page.data, ctx) });
  });
  router.get('/users/:id', async (req, res) => {
    const ctx = ctxOf(req);
    res.json(await withAccountTitle(await getUser(idParam(req.params.id, 'user'), ctx), ctx));
  });
  router.post('/users', async (req, res) => {
    const ctx = ctxOf(req);
    const user = await createUser(parseUserInput(req.body, { creating: true }), ctx, { checkAccount: accountLinkCheck(ctx) });
    res.status(201).json(await withAccountTitle(user, ctx));
  });
  router.patch('/users/:id', async (req, res) => {
    const id = idParam(req.params.id, 'user');
    const ctx = ctxOf(req);
    const user = await updateUser(id, parseUserInput(req.body, { creating: false }), ctx, { checkAccount: accountLinkCheck(ctx) });
    services.sessions.forgetUser(id);
    res.json(await withAccountTitle(user, ctx));
  });
  router.post('/users/:id/unlock', async (req, res) => {
    await unlockUser(idParam(req.params.id, 'user'), ctxOf(req));
    res.status(204).end();
  });
  router.delete('/users/:id', async (req, res) => {
    const id = idParam(req.params.id, 'user');
    await deactivateUser(id, ctxOf(req));
    services.sessions.forgetUser(id);
    res.status(204).end();
  });

  return router;
}
