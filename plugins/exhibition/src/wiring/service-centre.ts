import type { PluginBootContext } from '../../../../platform/src/plugins/plugin-api.ts';
import { lookupPhone } from '../phone-lookup.ts';

/** The service centre's screen pop: who is calling. */
export function bootServiceCentre(ctx: PluginBootContext): void {
  ctx.router().get('/lookup', async (req, res) => {
    res.json(await lookupPhone(req.query.phone, ctx.caller(req), ctx.meta));
  });
}
