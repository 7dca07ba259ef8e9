import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { systemContext } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { parseSignUp, signUp, verifySignUp } from '../plugins/portal-sign-up.ts';
import { recordWorkflowPort } from '../workflow/record-workflow-port.ts';
import type { Services } from './request-context.ts';

/**
 * Portal self-registration, public (no login): `POST /api/portal/sign-up` and `POST /api/portal/verify`,
 * rate-limited per client address like the login. The pack that registered `portalSignUp` checks the
 * company details and receives each verified sign-up (docs/organisation.md, "Portal sign-up").
 */
export function portalSignUpRoutes(services: Services, options: { rateLimit: number; publicUrl: string }): Router {
  const router = Router();
  const limit = rateLimit({
    windowMs: 60_000,
    limit: options.rateLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next, limitOptions) => next(createError('RATE_LIMITED', msg('portal.rateLimited', { seconds: Math.ceil(limitOptions.windowMs / 1000) }))),
  });
  const handler = () => {
    const found = services.plugins?.portalSignUp();
    if (!found) throw createError('NOT_FOUND', msg('portal.noSignUp'));
    return found;
  };
  const system = () => systemContext({
    db: services.db, schema: services.holder.snapshot, log: services.log, jobs: services.jobs, hooks: services.plugins,
    workflow: recordWorkflowPort, registry: services.plugins?.registrations, readReplica: services.readReplica,
  });

  router.post('/sign-up', limit, async (req, res) => {
    const input = parseSignUp(req.body, handler());
    const { expiresAt } = await signUp(input, system(), { publicUrl: options.publicUrl });
    res.status(202).json({ email: input.email, expiresAt });
  });

  router.post('/verify', limit, async (req, res) => {
    const token = (req.body as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || !token || token.length > 200) {
      throw createError('VALIDATION_FAILED', msg('portal.tokenInvalid'), [{ path: '/token', message: msg('portal.tokenRequired') }]);
    }
    res.json(await verifySignUp(token, system(), handler()));
  });

  return router;
}
