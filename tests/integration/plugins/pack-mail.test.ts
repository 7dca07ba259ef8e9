import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// A pack's `mail` (job and boot contexts) without SMTP_URL: nothing is queued and the pack is told so
// (false). The sending side, with a local SMTP sink, is tests/integration/exhibition/journal.test.ts.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'exhibition' }] });
});
afterAll(() => t?.close());

describe('mail from a pack without SMTP', () => {
  it('queues nothing and answers false, and the pack goes on', async () => {
    const account = (await t.admin.post('/api/records/account', { name: 'No Mail Co' })).body.id;
    const contact = (await t.admin.post('/api/records/contact', { name: 'Reader', account, email: 'reader@example.test' })).body.id;
    const journal = (await t.admin.post('/api/records/journal', { title: 'Journal' })).body.id;
    const sub = await t.admin.post('/api/records/journal_subscription', { account, contact, journal, starts_on: '2026-04-01', ends_on: '2027-03-31' });
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    const run = await t.admin.post('/api/plugins/exhibition/subscriptions/renewals', { date: '2027-03-10' });
    expect(run.body).toMatchObject({ offered: 1, mailed: 0 });
    expect(Number((await t.tessera.db('pgboss.job').where({ name: 'mail.send' }).count({ n: '*' }))[0].n)).toBe(0);
  });
});
