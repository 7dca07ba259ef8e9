import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/src/core/errors.ts';
import { validateAgainstSchema } from '../../../platform/src/metadata/schema-validator.ts';

// A manifest's portal pages (docs/ui.md, "The portal"): paths under /portal, components inside the pack's
// ui/portal/ folder, and the sign-up form's fields named by object; what they name is checked at install.

const manifest = (portal: Record<string, unknown>) => ({ name: 'fair', version: '1.0.0', ui: { portal } });
const problems = (portal: Record<string, unknown>) => {
  try {
    validateAgainstSchema('pack', manifest(portal));
    return [];
  } catch (err) {
    if (!isAppError(err)) throw err;
    return (err.details ?? []).map((d) => d.path);
  }
};
const title = { en: 'Badges', 'zh-CN': '证件' };

describe('portal pages in a pack manifest', () => {
  it('takes a menu, pages and the sign-up fields', () => {
    const portal = {
      menu: [{ path: '/portal/badges', label: title, icon: 'Ticket', order: 40 }],
      pages: [{ path: '/portal/badges', component: 'Badges.vue', title }, { path: '/portal', component: 'Home.vue', title }],
      signUp: { object: 'exhibitor_application', fields: ['company_name', 'phone'] },
    };
    expect(validateAgainstSchema('pack', manifest(portal))).toEqual(manifest(portal));
  });

  it('refuses paths outside /portal and components outside the pack', () => {
    expect(problems({ pages: [{ path: '/badges', component: 'Badges.vue', title }] })).toEqual(['/ui/portal/pages/0/path']);
    expect(problems({ menu: [{ path: '/portalx', label: title }] })).toEqual(['/ui/portal/menu/0/path']);
    expect(problems({ pages: [{ path: '/portal/badges', component: '../Badges.vue', title }] })).toEqual(['/ui/portal/pages/0/component']);
  });

  it('refuses a sign-up without fields and unknown keys', () => {
    expect(problems({ signUp: { object: 'exhibitor_application', fields: [] } })).toEqual(['/ui/portal/signUp/fields']);
    expect(problems({ footer: 'x' })).toEqual(['/ui/portal/footer']);
  });
});
