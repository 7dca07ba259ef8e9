/**
 * The floor the bench compares Tessera with: the least a hand-written server must do to answer the
 * same requests. node:http, one pg.Pool, hand-written SQL, no framework, no metadata, no checks
 * beyond reading the parameters.
 *
 *   GET  /api/records/account?filter={"status":{"$eq":..},"region":{"$eq":..}}&sort=-revenue&limit=50
 *   POST /insert   {name, status, region, revenue, industry, owner_note, signed}
 *
 * Env: DATABASE_URL, PORT, FLOOR_OWNER (user id), FLOOR_DEPARTMENT (department id).
 */
import http from 'node:http';
import pg from 'pg';
import { ACCOUNT_COLUMNS } from './account-fixture.ts';

const NUMERIC = 1700;
const DATE = 1082;
// The same JSON values Tessera answers with: numbers as numbers, dates as 'YYYY-MM-DD', int8 as strings.
pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 16, application_name: 'tessera-bench-floor' });
const owner = process.env.FLOOR_OWNER ?? null;
const department = process.env.FLOOR_DEPARTMENT ?? null;

const LIST_SQL =
  `SELECT ${ACCOUNT_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM records.account ` +
  `WHERE _deleted_at IS NULL AND status = $1 AND region = $2 ORDER BY revenue DESC NULLS FIRST, id LIMIT 51`;
const INSERT_SQL =
  `INSERT INTO records.account (name, status, region, revenue, industry, owner_note, signed, _owner, _department, _created_by) ` +
  `VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8) RETURNING id`;

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function list(url: URL, res: http.ServerResponse) {
  const filter = JSON.parse(url.searchParams.get('filter') ?? '{}');
  const status = filter?.status?.$eq;
  const region = filter?.region?.$eq;
  if (typeof status !== 'string' || typeof region !== 'string') return send(res, 400, { error: { code: 'BAD_REQUEST', message: 'status and region filters are required' } });
  const { rows } = await pool.query(LIST_SQL, [status, region]);
  const data = rows.slice(0, 50);
  const last = data[data.length - 1];
  const nextCursor = rows.length > 50 ? Buffer.from(JSON.stringify([last.revenue, last.id])).toString('base64url') : null;
  send(res, 200, { data, nextCursor });
}

async function insert(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const b = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const values = [b.name, b.status, b.region, b.revenue, b.industry, b.owner_note, b.signed, owner, department];
  const { rows } = await pool.query(INSERT_SQL, values);
  send(res, 201, { id: rows[0].id });
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://floor');
  const work =
    req.method === 'GET' && url.pathname === '/api/records/account' ? list(url, res)
    : req.method === 'POST' && url.pathname === '/insert' ? insert(req, res)
    : Promise.resolve(send(res, 404, { error: { code: 'NOT_FOUND', message: 'no such endpoint' } }));
  work.catch((err: Error) => send(res, 500, { error: { code: 'INTERNAL', message: err.message } }));
});

server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1');

process.once('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
