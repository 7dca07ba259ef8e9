import { Router } from 'express';
import { createError } from '../core/errors.ts';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords.ts';
import { ctxOf, requireUser, type Services } from './request-context.ts';


export function authRoutes(services: Services): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const { username, password } = (req.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      throw createError('VALIDATION_FAILED', 'Enter a username and a password.', [
        ...(typeof username !== 'string' || !username ? [{ path: '/username', message: 'username is required' }] : []),
        ...(typeof password !== 'string' || !password ? [{ path: '/password', message: 'password is required' }] : []),
      ]);
    }
    const user = await services.db('users').where({ username: username.slice(0, 200) }).first();
    const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password.slice(0, 1000));
    if (!user || !valid) throw createError('UNAUTHENTICATED', 'The username or password is wrong.');
    if (!user.active) throw createError('FORBIDDEN', 'This account is disabled.');
    const session = await services.sessions.create(String(user.id));
    res.json({
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      user: { id: String(user.id), username: user.username, name: user.name, department: user.department ? String(user.department) : null, roles: user.roles },
    });
  });

  router.post('/logout', requireUser(services), async (req, res) => {
    await services.sessions.revoke(req.token!);
    res.status(204).end();
  });

  router.get('/me', requireUser(services), async (req, res) => {
    const ctx = ctxOf(req);
    const user = await services.db('users').where({ id: ctx.actor.id }).first('id', 'username', 'name', 'email', 'department', 'manager', 'roles', 'language');
    res.json({
      id: String(user.id), username: user.username, name: user.name, email: user.email ?? null,
      department: user.department ? String(user.department) : null, manager: user.manager ? String(user.manager) : null,
      roles: user.roles, language: user.language, superuser: ctx.actor.superuser,
    });
  });

  return router;
}
