import { Router } from 'express';
import type { Knex } from 'knex';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import type { SnapshotHolder } from '../metadata/metadata-store.ts';
import type { PortalSignUpField as SignUpField, PortalUi } from './api-types.ts';


function signUpFields(object: ObjectInfo | undefined, names: readonly string[]): SignUpField[] {
  return names.flatMap((name) => {
    const field = object?.fields.get(name)?.definition;
    if (!field) return [];
    const options = field.options?.map((o) => (typeof o === 'string' ? { value: o, label: o } : { value: o.value, label: o.label }));
    return [{ name, type: field.type, label: field.label ?? name, required: field.required === true, ...(options ? { options } : {}) }];
  });
}

/**
 * GET /api/portal/ui, public: the installed packs' portal menu entries and pages (`ui.portal` in
 * pack.json), so the portal can route a link before anyone signs in, and the fields of the sign-up
 * form with their labels and options. It tells only what the manifests and the named fields' labels
 * say, nothing of any record.
 */
export function portalUiRoutes(host: PluginHost | undefined, db: Knex, holder: SnapshotHolder): Router {
  const router = Router();
  router.get('/ui', async (_req, res) => {
    const answer: PortalUi = { menu: [], pages: [], signUp: [] };
    if (host) {
      const installed = new Set(await host.installedNames(db));
      for (const { manifest } of host.packs.values()) {
        if (!installed.has(manifest.name)) continue;
        const portal = manifest.ui?.portal;
        for (const item of portal?.menu ?? []) answer.menu.push({ pack: manifest.name, ...item, order: item.order ?? 1000 });
        for (const page of portal?.pages ?? []) answer.pages.push({ pack: manifest.name, ...page });
        if (portal?.signUp && host.portalSignUp()) answer.signUp = signUpFields(holder.snapshot.objects.get(portal.signUp.object), portal.signUp.fields);
      }
      answer.menu.sort((a, b) => a.order - b.order);
    }
    res.json(answer);
  });
  return router;
}
