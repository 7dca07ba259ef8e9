import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/src/core/errors.ts';
import { validateAgainstSchema } from '../../../platform/src/metadata/schema-validator.ts';

// A manifest's record panels (docs/plugins.md, "Record panels"): the schema decides their shape when the
// server reads the manifest; the objects and files they name are checked at install.

const manifest = (panel: Record<string, unknown>) => ({ name: 'panels', version: '1.0.0', ui: { recordPanels: [panel] } });
const problems = (panel: Record<string, unknown>) => {
  try {
    validateAgainstSchema('pack', manifest(panel));
    return [];
  } catch (err) {
    if (!isAppError(err)) throw err;
    return (err.details ?? []).map((d) => d.path);
  }
};

describe('record panels in a pack manifest', () => {
  it('takes a panel with its object, component, title, order and operation', () => {
    const panel = { object: 'account', component: 'panels/AccountInsights.vue', title: { en: 'Insights', 'zh-CN': '洞察' }, order: 5, operation: 'update' };
    expect(validateAgainstSchema('pack', manifest(panel))).toEqual(manifest(panel));
  });

  it('refuses a component that is not a .vue file inside the pack ui folder', () => {
    const title = { en: 'Insights' };
    expect(problems({ object: 'account', component: 'AccountInsights.ts', title })).toEqual(['/ui/recordPanels/0/component']);
    expect(problems({ object: 'account', component: '../crm/ui/AccountTree.vue', title })).toEqual(['/ui/recordPanels/0/component']);
    expect(problems({ object: 'account', component: '/abs/Panel.vue', title })).toEqual(['/ui/recordPanels/0/component']);
  });

  it('requires the object, component and title, and nothing else', () => {
    expect(problems({ component: 'Panel.vue', title: { en: 'x' } })).toEqual(['/ui/recordPanels/0/object']);
    expect(problems({ object: 'account', component: 'Panel.vue' })).toEqual(['/ui/recordPanels/0/title']);
    expect(problems({ object: 'account', component: 'Panel.vue', title: { en: 'x' }, colour: 'red' })).toEqual(['/ui/recordPanels/0/colour']);
  });
});
