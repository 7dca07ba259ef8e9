import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { serialize } from 'cookie';
import { createError } from '../core/errors.ts';
import { csrfTokenFor } from '../auth/csrf.ts';
import { logIn, type SignInApp } from '../auth/log-in.ts';
import type { CookieLogin, SessionUser, TokenLogin } from './api-types.ts';
import { ctxOf, requireUser, SESSION_COOKIE, type Services } from './request-context.ts';
import { msg } from '../core/messages/message.ts';

function sessionCookie(req: Request, value: string, maxAgeSeconds: number): string {
  return serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', path: '/api', secure: req.secure, maxAge: maxAgeSeconds });
}

function parseLoginBody(body: unknown) {
  const { username, password, session, app } = (body ?? {}) as { username?: unknown; password?: unknown; session?: unknown; app?: unknown };
  const details = [
    ...(typeof username !== 'string' || !username ? [{ path: '/username', message: msg('auth.usernameRequired') }] : []),
    ...(typeof password !== 'string' || !password ? [{ path: '/password', message: msg('auth.passwordRequired') }] : []),
    ...(session !== undefined && session !== 'cookie' && session !== 'token' ? [{ path: '/session', message: msg('auth.sessionKind') }] : []),
    ...(app !== undefined && app !== 'staff' && app !== 'portal' ? [{ path: '/app', message: msg('auth.appKind') }] : []),
  ];
  if (details.length) throw createError('VALIDATION_FAILED', msg('auth.enterCredentials'), details);
  return { username: username as string, password: password as string, cookie: session === 'cookie', app: app as SignInApp | undefined };
}

export function authRoutes(services: Services, options: { loginRateLimit: number }): Router {
  const router = Router();
  const loginLimit = rateLimit({
    windowMs: 60_000,
    limit: options.loginRateLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next, limitOptions) => {
      const seconds = Math.ceil(limitOptions.windowMs / 1000);
      next(createError('RATE_LIMITED', msg('auth.rateLimited', { seconds })));
    },
  });

  router.post('/login', loginLimit, async (req, res) => {
    const input = parseLoginBody(req.body);
    const user = await logIn({ username: input.username, password: input.password, clientIp: req.ip, app: input.app }, services);
    const session = await services.sessions.create(user.id);
    if (input.cookie) {
      const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
      res.setHeader('set-cookie', sessionCookie(req, session.token, maxAge));
      res.json({ csrfToken: csrfTokenFor(services.csrfSecret, session.token), expiresAt: session.expiresAt.toISOString(), user } satisfies CookieLogin);
      return;
    }
    res.json({ token: session.token, expiresAt: session.expiresAt.toISOString(), user } satisfies TokenLogin);
  });

  router.post('/logout', requireUser(services), async (req, res) => {
    await services.sessions.revoke(req.token!);
    res.setHeader('set-cookie', sessionCookie(req, '', 0));
    res.status(204).end();
  });

  router.get('/me', requireUser(services), async (req, res) => {
    const ctx = ctxOf(req);
    const user = await services.db('users').where({ id: ctx.actor.id }).first('id', 'username', 'name', 'email', 'department', 'manager', 'roles', 'language', 'kind');
    res.json({
      id: String(user.id), username: user.username, name: user.name, email: user.email ?? null,
      department: user.department ? String(user.department) : null, manager: user.manager ? String(user.manager) : null,
      roles: user.roles, language: user.language, superuser: ctx.actor.superuser, kind: user.kind, account: ctx.actor.account,
    } satisfies SessionUser);
  });

  return router;
}
