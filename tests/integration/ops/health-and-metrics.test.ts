import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Production operations: liveness and readiness for a load balancer, Prometheus metrics behind a token.

const TOKEN = 'metrics-token-for-tests-0123456789';
let t: TestApp;

const metric = (text: string, name: string, labels: Record<string, string> = {}): number | null => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)) : false);
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
};
const scrape = async () => {
  const res = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};

beforeAll(async () => {
  t = await startTestApp({ config: { metricsToken: TOKEN } });
  await t.admin.put('/api/meta/objects/ticket', { name: 'ticket', fields: [{ name: 'subject', type: 'text' }], titleField: 'subject' });
  await t.admin.put('/api/meta/workflows/ticket_flow', {
    name: 'ticket_flow', object: 'ticket', initial: 'open', states: { open: { on: { close: 'closed' } }, closed: { type: 'final' } },
  });
});
afterAll(() => t?.close());

describe('GET /health and GET /ready', () => {
  it('answers liveness as JSON, never the web application, without a login', async () => {
    const res = await fetch(`${t.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers readiness with each check and nothing internal', async () => {
    const res = await fetch(`${t.baseUrl}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: 'ok', jobs: 'ok', migrations: 'ok' } });
  });
});

describe('GET /metrics', () => {
  it('refuses a missing or wrong token in the caller\'s language', async () => {
    const none = await fetch(`${t.baseUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: unknown }).error).toEqual({ code: 'UNAUTHENTICATED', message: 'The metrics token is missing or wrong.' });
    const wrong = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer nope', 'accept-language': 'zh-CN' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe('缺少指标令牌，或令牌不正确。');
  });

  it('counts requests and their latency by route template, and errors by code', async () => {
    const created = await t.admin.post('/api/records/ticket', { subject: 'Printer jam' });
    expect(created.status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await t.admin.get(`/api/records/ticket/${created.body.id}`)).status).toBe(200);
    expect((await t.admin.get('/api/records/ticket/999999')).status).toBe(404);
    expect((await t.admin.get('/api/no-such-thing')).status).toBe(404);
    const text = await scrape();
    expect(metric(text, 'tessera_http_requests_total', { method: 'GET', route: '/api/records/:object/:id', status: '200' })).toBe(3);
    expect(metric(text, 'tessera_http_requests_total', { method: 'GET', route: '/api/records/:object/:id', status: '404' })).toBe(1);
    expect(metric(text, 'tessera_http_requests_total', { method: 'POST', route: '/api/records/:object', status: '201' })).toBe(1);
    expect(metric(text, 'tessera_http_request_duration_seconds_count', { method: 'GET', route: '/api/records/:object/:id' })).toBe(4);
    expect(metric(text, 'tessera_http_errors_total', { code: 'NOT_FOUND' })).toBeGreaterThanOrEqual(2);
    // A record id never becomes a label.
    expect(text).not.toContain(`/api/records/ticket/${created.body.id}`);
  });

  it('reports workflow moves, the job queue, the database pool and the metadata version', async () => {
    const before = metric(await scrape(), 'tessera_workflow_transitions_total', { workflow: 'ticket_flow', to: 'closed' }) ?? 0;
    const ticket = await t.admin.post('/api/records/ticket', { subject: 'Screen flickers' });
    expect((await t.admin.post(`/api/records/ticket/${ticket.body.id}/submit`, {})).status).toBe(200);
    expect((await t.admin.post(`/api/records/ticket/${ticket.body.id}/transition`, { event: 'close' })).status).toBe(200);
    const text = await scrape();
    expect(metric(text, 'tessera_workflow_transitions_total', { workflow: 'ticket_flow', to: 'closed' })).toBe(before + 1);
    expect(metric(text, 'tessera_jobs_waiting')).toBeGreaterThanOrEqual(0);
    expect(metric(text, 'tessera_jobs_oldest_due_seconds')).toBeGreaterThanOrEqual(0);
    expect(metric(text, 'tessera_db_pool_connections', { state: 'max' })).toBeGreaterThan(0);
    const version = (await t.admin.get('/api/meta/objects')).body;
    expect(version).toBeDefined();
    expect(metric(text, 'tessera_metadata_version')).toBeGreaterThan(0);
    expect(metric(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('without METRICS_TOKEN', () => {
  it('keeps the metrics off and says how to turn them on', async () => {
    const off = await startTestApp();
    try {
      const res = await fetch(`${off.baseUrl}/metrics`, { headers: { authorization: 'Bearer anything' } });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: unknown }).error).toEqual({ code: 'NOT_FOUND', message: 'Metrics are off: set METRICS_TOKEN to turn them on.' });
    } finally {
      await off.close();
    }
  });
});
