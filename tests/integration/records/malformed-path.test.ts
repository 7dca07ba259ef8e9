import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('malformed request paths', () => {
  it('a bad percent-encoding in any route answers 400 in the error shape (issue 12 item 8)', async () => {
    for (const path of ['/api/records/account/%ZZ', '/api/meta/objects/%E0%A4%A', '/api/admin/roles/%ZZ', '/api/records/account/%ZZ/history']) {
      const res = await t.admin.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('BAD_REQUEST');
      expect(res.body.error.message, path).toMatch(/percent-encoding/);
      expect(JSON.stringify(res.body), path).not.toMatch(/URIError|at .*\.js|node_modules/);
    }
    // Outside the API (the web application's files) a bad path is not a server error either.
    const page = await t.admin.raw('/records/%ZZ');
    expect(page.status).toBeLessThan(500);
    expect(await page.text()).not.toMatch(/URIError|at .*\.js|node_modules/);
  });
});
