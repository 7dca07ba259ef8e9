import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Webhook actions run as jobs after the step commits, retried with backoff until the receiver answers 2xx.

let t: TestApp;
let receiver: http.Server;
let receiverUrl: string;
const received: { headers: http.IncomingHttpHeaders; body: Record<string, unknown>; answered: number }[] = [];
let failuresLeft = 1;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = failuresLeft-- > 0 ? 503 : 204;
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/approved`;

  t = await startTestApp({ config: { jobPollingSeconds: 0.5 } });
  expect((await t.admin.put('/api/meta/objects/claim', { titleField: 'title', fields: [{ name: 'title', type: 'text' }] })).status).toBe(201);
  const workflow = {
    name: 'claim_flow', object: 'claim', initial: 'open',
    states: {
      open: { on: { pay: { target: 'paid', actions: [{ webhook: { url: receiverUrl, headers: { 'x-api-key': 'secret-1' } } }] } } },
      paid: { type: 'final' },
    },
  };
  const res = await t.admin.put('/api/meta/workflows/claim_flow', workflow);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('webhook actions', () => {
  it('posts the step after it commits and retries until the receiver accepts it', async () => {
    const id = String((await t.admin.post('/api/records/claim', { title: 'Taxi' })).body.id);
    await t.admin.post(`/api/records/claim/${id}/submit`, {});
    const moved = await t.admin.post(`/api/records/claim/${id}/transition`, { event: 'pay' });
    expect(moved.body).toMatchObject({ state: 'paid', status: 'done' });

    const until = Date.now() + 20_000;
    while (!received.some((r) => r.answered === 204) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(received.map((r) => r.answered)).toEqual([503, 204]);
    for (const r of received) {
      expect(r.headers['x-api-key']).toBe('secret-1');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.body).toMatchObject({ workflow: 'claim_flow', version: 1, object: 'claim', recordId: id, from: 'open', state: 'paid' });
      expect(r.body).not.toHaveProperty('title');
    }
  });
});
