import express, { Router, type Request } from 'express';
import { createError, detailText } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { exportConfiguration } from '../plugins/config-export.ts';
import { importConfiguration } from '../plugins/config-import.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import { requireSuperuser } from './admin-guard.ts';
import type { ConfigImportRecord, ConfigImportResult, DataAnswer } from './api-types.ts';
import { ctxOf, type Services } from './request-context.ts';

/** An import body is a whole system's configuration: read here, with its own size limit, not the API's small one. */
export const isConfigImport = (req: Request) => req.method === 'POST' && /^\/admin\/config\/import\/?$/.test(req.path);

function flag(req: Request, name: string): boolean {
  const value = req.query[name];
  if (value === undefined) return false;
  if (value === 'true' || value === 'false') return value === 'true';
  throw createError('BAD_REQUEST', msg('http.mustBeBoolean', { name }), [{ path: `/${name}`, message: msg('http.trueOrFalse') }]);
}

/**
 * Configuration transfer (docs/configuration-transfer.md), superusers only: the system's definitions
 * as one pack document, and the import of such a document with a diff, a dry run and an all-or-nothing apply.
 */
export function configTransferRoutes(services: Services, plugins: PluginHost): Router {
  const router = Router();
  router.use(requireSuperuser('transfer configuration'));

  router.get('/export', async (req, res) => {
    const bundle = await exportConfiguration(ctxOf(req).db, plugins.registrations);
    if (req.query.download === 'true') res.attachment(`configuration-${new Date().toISOString().slice(0, 10)}.json`);
    res.json(bundle);
  });

  router.post('/import', express.json({ limit: '20mb' }), async (req, res) => {
    const ctx = ctxOf(req);
    const basis = typeof req.query.basis === 'string' && req.query.basis ? req.query.basis : undefined;
    const options = { dryRun: flag(req, 'dryRun'), removeMissing: flag(req, 'removeMissing'), acceptLossy: flag(req, 'acceptLossy'), basis };
    const result = await importConfiguration(req.body, options, ctx, services.holder, plugins.registrations);
    res.json({ ...result, problems: result.problems.map((d) => ({ ...d, message: detailText(d, ctx.lang) })) } satisfies ConfigImportResult);
  });

  router.get('/imports', async (req, res) => {
    const rows: { id: string | number; imported_at: Date | string; manifest: { name: string; version: string }; removed_missing: boolean; changes: ConfigImportRecord['changes']; username: string | null }[] =
      await ctxOf(req).db('config_imports as c').leftJoin('users as u', 'u.id', 'c.imported_by')
        .orderBy('c.id', 'desc').limit(100)
        .select('c.id', 'c.imported_at', 'c.manifest', 'c.removed_missing', 'c.changes', 'u.username');
    res.json({
      data: rows.map((r) => ({ id: String(r.id), importedAt: new Date(r.imported_at).toISOString(), importedBy: r.username, manifest: { name: r.manifest.name, version: r.manifest.version }, removedMissing: r.removed_missing, changes: r.changes })),
    } satisfies DataAnswer<ConfigImportRecord>);
  });

  return router;
}
