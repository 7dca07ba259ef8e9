import { describe, expect, it } from 'vitest';
import { openToPortal } from '../../../platform/src/http/portal-gate.ts';

// What of the API portal users reach (paths under /api); everything else is 403 for them.

describe('openToPortal', () => {
  it('opens the records API, search, their own permissions, inbox, notices, recent records and session', () => {
    for (const path of [
      '/records/contact', '/records/contact/7', '/records/contact/7/history', '/records/contact/export', '/records/titles',
      '/records/contact/aggregate', '/recycle-bin', '/search', '/permissions/mine', '/permissions/mine/contact',
      '/tasks', '/notifications/read', '/ui/session', '/ui/recent', '/RECORDS/contact',
    ]) expect(openToPortal(path), path).toBe(true);
  });

  it('closes administration, directories, definitions, shares and anything new, whatever the case', () => {
    for (const path of [
      '/admin/users', '/Admin/Users', '/admin/roles/x', '/ui/users', '/ui/departments', '/ui/check/object', '/meta/objects',
      '/views/contact', '/packs', '/permissions/explain', '/openapi.json', '/records/contact/7/shares', '/records/contact/7/SHARES/3',
      '/recordsx', '/searching', '/ui/sessions', '/plugins/crm/x', '/',
    ]) expect(openToPortal(path), path).toBe(false);
  });
});
