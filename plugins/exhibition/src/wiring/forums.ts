import type { PluginBootContext } from '../../../../platform/src/plugins/plugin-api.ts';
import { cancelRegistration, placeRegistration, registerForSession, sessionSeats } from '../forums.ts';

/** Forum seats: a registration is placed (seat or waiting list) as it is created; the portal's seat routes. */
export function bootForums(ctx: PluginBootContext): void {
  ctx.on('beforeCreate', 'forum_registration', placeRegistration);

  // Each portal call runs as the caller, within their own records.
  const portal = ctx.router(undefined, { portal: true });
  portal.get('/forum-sessions/seats', async (req, res) => {
    res.json(await sessionSeats(req.query, ctx.caller(req), ctx.system));
  });
  portal.post('/forum-sessions/:id/register', async (req, res) => {
    res.status(201).json(await registerForSession(req.params.id, req.body, ctx.caller(req), ctx.system));
  });
  portal.post('/forum-registrations/:id/cancel', async (req, res) => {
    res.json(await cancelRegistration(req.params.id, ctx.caller(req), ctx.notify));
  });
}
