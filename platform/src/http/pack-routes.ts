import { Router } from 'express';
import { createError } from '../core/errors.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { DataAnswer, PackSummary } from './api-types.ts';
import { superuserCtx } from './admin-guard.ts';
import { ctxOf } from './request-context.ts';
import { msg } from '../core/messages/message.ts';

/** GET /api/packs (every logged-in user: the app builds its menus from it) and POST /api/packs/:name/install. */
export function packRoutes(host: PluginHost): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const ctx = ctxOf(req);
    const rows: { name: string; version: string; demo_loaded: boolean; installed_at: Date | string }[] = await ctx.db('pack_installations').select('name', 'version', 'demo_loaded', 'installed_at');
    const installed = new Map(rows.map((r) => [r.name, r]));
    const data = [...host.packs.values()].map(({ manifest }): PackSummary => {
      const row = installed.get(manifest.name);
      return {
        name: manifest.name,
        version: manifest.version,
        label: manifest.label ?? { en: manifest.name },
        description: manifest.description ?? null,
        requires: manifest.requires ?? [],
        installed: row !== undefined,
        installedVersion: row?.version ?? null,
        installedAt: row ? new Date(row.installed_at).toISOString() : null,
        demoLoaded: row?.demo_loaded ?? false,
        ui: row ? (manifest.ui ?? {}) : {},
      };
    });
    res.json({ data } satisfies DataAnswer<PackSummary>);
  });

  router.post('/:name/install', async (req, res) => {
    const ctx = superuserCtx(req, 'install packs');
    const demo = req.query.demo;
    if (demo !== undefined && demo !== 'true' && demo !== 'false') throw createError('BAD_REQUEST', msg('http.mustBeBoolean', { name: 'demo' }), [{ path: '/demo', message: msg('http.trueOrFalse') }]);
    const results = await host.install(req.params.name, { demo: demo === 'true' }, ctx);
    const pack = results[results.length - 1];
    res.json({ ...pack, packs: results });
  });

  return router;
}
