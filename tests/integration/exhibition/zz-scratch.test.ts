import { it, expect } from 'vitest';
import { startTestApp } from '../helpers/test-app.ts';
it('times', async () => {
  const t = await startTestApp();
  let s = Date.now();
  expect((await t.admin.post('/api/packs/crm/install?demo=true')).status).toBe(200);
  console.log('CRM', Date.now() - s);
  s = Date.now();
  expect((await t.admin.post('/api/packs/exhibition/install?demo=true')).status).toBe(200);
  console.log('EXH', Date.now() - s);
  await t.close();
}, 600_000);
