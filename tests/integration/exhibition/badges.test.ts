import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../helpers/test-app.ts';
import { putRole, q } from '../permissions/permission-helpers.ts';
import { createRecord, exhibitionUser } from './helpers/exhibition-people.ts';
import { pdfText } from './helpers/pdf-text.ts';
import { pngPixels } from './helpers/png-pixels.ts';

// Badges (issue 15, item 3): codes, approval, QR codes, printable sheets with Chinese names, check-in.

const BASE = '/api/plugins/exhibition';
let t: TestApp;
let sales: ApiClient;
let gate: ApiClient;
let portalA: ApiClient;
let portalB: ApiClient;
let edition: string;
let accountA: string;
let accountB: string;

async function approveAll(): Promise<void> {
  const tasks = await sales.get('/api/tasks?status=open');
  expect(tasks.status, JSON.stringify(tasks.body)).toBe(200);
  for (const task of tasks.body.data) expect((await sales.post(`/api/tasks/${task.id}/approve`, {})).status).toBe(200);
}

async function approvedBadge(holderName: string, portal = portalA): Promise<Record<string, any>> {
  const applied = await portal.post(`${BASE}/badges/apply`, { exhibition: edition, holderName, company: '贵州茅台酒股份有限公司' });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  await approveAll();
  const badge = await t.admin.get(`/api/records/badge/${applied.body.id}`);
  expect(badge.body.status).toBe('approved');
  return badge.body;
}

beforeAll(async () => {
  t = await startTestApp({ packs: [{ name: 'exhibition' }] });
  edition = String((await createRecord(t.admin, 'exhibition', { name: '2027 春季糖酒会', year: 2027, season: 'spring', start_date: '2027-03-25', end_date: '2027-03-27', status: 'booking' })).id);
  accountA = String((await createRecord(t.admin, 'account', { name: '贵州茅台酒股份有限公司', is_exhibitor: true })).id);
  accountB = String((await createRecord(t.admin, 'account', { name: '五粮液集团', is_exhibitor: true })).id);
  sales = (await exhibitionUser(t, ['exhibition_sales'])).api;
  await putRole(t, 'badge_gate', { badge: { operations: ['check_in'] } });
  gate = (await exhibitionUser(t, ['badge_gate'])).api;
  portalA = (await exhibitionUser(t, ['exhibitor_portal'], accountA)).api;
  portalB = (await exhibitionUser(t, ['exhibitor_portal'], accountB)).api;
});
afterAll(() => t?.close());

describe('applying for badges', () => {
  it('gives every badge an unguessable code and sends an exhibitor\'s application to the organiser', async () => {
    const applied = await portalA.post(`${BASE}/badges/apply`, { exhibition: edition, holderName: '张伟', company: '贵州茅台酒股份有限公司' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({ holder_name: '张伟', holder_kind: 'exhibitor_staff', exhibitor: accountA, status: 'submitted', _state: 'organiser_review' });
    expect(applied.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    const second = await portalA.post(`${BASE}/badges/apply`, { exhibition: edition, holderName: '李娜' });
    expect(second.body.code).not.toBe(applied.body.code);
    await approveAll();
    expect((await portalA.get(`/api/records/badge/${applied.body.id}`)).body.status).toBe('approved');
  });

  it('keeps a portal user to their own company whatever the request says', async () => {
    const direct = await portalA.post('/api/records/badge', { exhibition: edition, holder_name: '赵敏', holder_kind: 'exhibitor_staff', exhibitor: accountB });
    expect(direct.status, JSON.stringify(direct.body)).toBe(201);
    expect(direct.body).toMatchObject({ exhibitor: accountA, status: 'draft' });
    const media = await portalA.post('/api/records/badge', { exhibition: edition, holder_name: '记者', holder_kind: 'media' });
    expect(media.status).toBe(403);
    const viaApply = await portalA.post(`${BASE}/badges/apply`, { exhibition: edition, holderName: '钱七', exhibitor: accountB });
    expect(viaApply.status).toBe(201);
    expect(viaApply.body.exhibitor).toBe(accountA);
  });

  it('shows portal users only their own badges, lists, QR codes and sheets included', async () => {
    const theirs = await approvedBadge('孙悟空', portalB);
    const mine = await portalA.get(`/api/records/badge?limit=500&filter=${q({ exhibition: edition })}`);
    expect(mine.status).toBe(200);
    expect(mine.body.data.length).toBeGreaterThan(0);
    expect(mine.body.data.every((b: { exhibitor: string }) => b.exhibitor === accountA)).toBe(true);
    expect((await portalA.get(`/api/records/badge/${theirs.id}`)).status).toBe(404);
    expect((await portalA.raw(`${BASE}/badges/${theirs.id}/qr.png`)).status).toBe(404);
    const sheet = await portalA.raw(`${BASE}/badges/sheet.pdf?edition=${edition}`);
    expect(sheet.status).toBe(200);
    const { text } = pdfText(Buffer.from(await sheet.arrayBuffer()));
    expect(text).toContain('张伟');
    expect(text).not.toContain('孙悟空');
  });

  it('issues a visitor\'s badge approved, once', async () => {
    const visitor = await createRecord(sales, 'visitor', { exhibition: edition, name: '王秀英', company: '成都红旗连锁', mobile: '139 8000 1234', is_buyer: true, purchase_intent: 'at_the_fair' });
    const first = await sales.post(`${BASE}/visitors/${visitor.id}/badge`, {});
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ holder_kind: 'visitor', holder_name: '王秀英', company: '成都红旗连锁', status: 'approved', visitor: String(visitor.id) });
    const again = await sales.post(`${BASE}/visitors/${visitor.id}/badge`, {});
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });
});

describe('QR codes', () => {
  it('draws the badge code as a PNG whose modules are the code\'s QR matrix', async () => {
    const badge = await approvedBadge('周杰');
    const res = await portalA.raw(`${BASE}/badges/${badge.id}/qr.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = pngPixels(Buffer.from(await res.arrayBuffer()));
    const { modules } = QRCode.create(badge.code, { errorCorrectionLevel: 'M' });
    const scale = png.width / (modules.size + 8);
    expect(scale).toBe(8);
    let checked = 0;
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        const x = Math.floor((col + 4 + 0.5) * scale);
        const y = Math.floor((row + 4 + 0.5) * scale);
        const dark = png.dark(x, y);
        expect(dark, `module ${row},${col}`).toBe(Boolean(modules.get(row, col)));
        checked++;
      }
    }
    expect(checked).toBe(modules.size ** 2);
    const svg = await portalA.raw(`${BASE}/badges/${badge.id}/qr.svg`);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toBe(await QRCode.toString(badge.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }));
    expect((await portalA.raw(`${BASE}/badges/${badge.id}/qr.gif`)).status).toBe(404);
  });
});

describe('badge sheets', () => {
  it('prints the edition\'s admitted badges with their Chinese names in an embedded subset of Noto Sans SC', async () => {
    const res = await sales.raw(`${BASE}/badges/sheet.pdf?edition=${edition}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, fonts } = pdfText(pdf);
    expect(fonts).toEqual([expect.stringMatching(/^[A-Z]{6}\+NotoSansSC/)]);
    for (const name of ['张伟', '王秀英', '孙悟空', '贵州茅台酒股份有限公司', '展商 EXHIBITOR', '观众 VISITOR']) expect(text).toContain(name);
    // Drafts are not printed: they would not pass the gate.
    expect(text).not.toContain('赵敏');
    expect(pdf.length).toBeLessThan(150_000);
  });

  it('narrows the sheet with a filter and refuses a bad one', async () => {
    const visitors = await sales.raw(`${BASE}/badges/sheet.pdf?edition=${edition}&filter=${q({ holder_kind: { $eq: 'visitor' } })}`);
    const { text } = pdfText(Buffer.from(await visitors.arrayBuffer()));
    expect(text).toContain('王秀英');
    expect(text).not.toContain('张伟');
    const bad = await sales.get(`${BASE}/badges/sheet.pdf?edition=${edition}&filter=nope`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('/filter');
    const unknownField = await sales.get(`${BASE}/badges/sheet.pdf?edition=${edition}&filter=${q({ nope: { $eq: 1 } })}`);
    expect(unknownField.status).toBe(400);
    const noEdition = await sales.raw(`${BASE}/badges/sheet.pdf`, { headers: { 'accept-language': 'zh-CN' } });
    expect(noEdition.status).toBe(400);
    expect(((await noEdition.json()) as { error: { message: string } }).error.message).toContain('展会');
  });
});

describe('POST /badges/check-in', () => {
  const checkIn = (who: ApiClient, code: unknown) => who.post(`${BASE}/badges/check-in`, { code });

  it('admits a badge once: 200 with the badge, then 409 with the time', async () => {
    const badge = await approvedBadge('郑成功');
    const first = await checkIn(gate, badge.code.toLowerCase().replace(/(.{4})/g, '$1 '));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ id: badge.id, holder_name: '郑成功', status: 'checked_in' });
    expect(Date.parse(first.body.checked_in_at)).toBeGreaterThan(Date.now() - 60_000);
    const second = await checkIn(gate, badge.code);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/^郑成功 was already checked in at \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.$/);
    expect(second.body.error.details[0]).toMatchObject({ path: '/code', checkedInAt: first.body.checked_in_at });
  });

  it('lets exactly one of ten simultaneous scans of a badge through', async () => {
    const badge = await approvedBadge('林则徐');
    const answers = await Promise.all(Array.from({ length: 10 }, () => checkIn(gate, badge.code)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const stored = await t.admin.get(`/api/records/badge/${badge.id}/history`);
    expect(stored.body.data.filter((h: { field: string; new: string }) => h.field === 'status' && h.new === 'checked_in')).toHaveLength(1);
  });

  it('turns away unknown codes, badges not approved and callers without check_in, in their language', async () => {
    expect((await checkIn(gate, 'ZZZZZZZZZZZZZZZZ')).status).toBe(404);
    expect((await checkIn(gate, 'not a code')).status).toBe(404);
    expect((await checkIn(gate, 42)).status).toBe(400);
    const pending = await portalA.post(`${BASE}/badges/apply`, { exhibition: edition, holderName: '岳飞' });
    const refused = await gate.raw(`${BASE}/badges/check-in`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' }, body: JSON.stringify({ code: pending.body.code }) });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('该证件未获批准，不能入场。');
    expect((await checkIn(portalA, pending.body.code)).status).toBe(403);
    expect((await checkIn(sales, 'ZZZZZZZZZZZZZZZZ')).status).toBe(404);
    await approveAll();
  });
});

describe('the service centre finds visitors', () => {
  it('looks a visitor up by their mobile however written', async () => {
    const res = await sales.get(`${BASE}/lookup?phone=${encodeURIComponent('+86 139-8000-1234')}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.matches).toEqual([expect.objectContaining({ object: 'visitor', title: '王秀英' })]);
  });
});
