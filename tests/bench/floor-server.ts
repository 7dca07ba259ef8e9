/**
 * The floor the bench compares Tessera with: the least a hand-written server must do to answer the
 * same requests. node:http, one pg.Pool, hand-written SQL, no framework, no metadata, no checks
 * beyond reading the parameters.
 *
 *   GET  /api/records/account?filter={"status":{"$eq":..},"region":{"$eq":..}}&sort=-revenue&limit=50
 *   POST /insert   {name, status, region, revenue, industry, owner_note, signed}
 *   GET  /floor/info   the list SQL it runs, for the report
 *
 * The list answers what the bench's scoped reader (org-fixture.ts) may see: its department and
 * everything below it (closure table department_tree), widened by the record shares made with the
 * reader or the reader's department, and only the columns the reader's role shows. Shares are part
 * of "the equivalent SQL" because without them the floor would answer different rows; the
 * predicate is left out only while the database has no record_shares table.
 *
 * Env: DATABASE_URL, PORT, FLOOR_OWNER / FLOOR_DEPARTMENT (owner and department of inserted rows),
 * FLOOR_READER / FLOOR_READER_DEPARTMENT (whose list it answers; without them, every row and column,
 * as for a superuser).
 */
import http from 'node:http';
import pg from 'pg';
import { ACCOUNT_COLUMNS } from './account-fixture.ts';
import { READER_COLUMNS } from './org-fixture.ts';

const NUMERIC = 1700;
const DATE = 1082;
// The same JSON values Tessera answers with: numbers as numbers, dates as 'YYYY-MM-DD', int8 as strings.
pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 16, application_name: 'tessera-bench-floor' });
const owner = process.env.FLOOR_OWNER ?? null;
const department = process.env.FLOOR_DEPARTMENT ?? null;

const reader = process.env.FLOOR_READER || null;
const readerDepartment = process.env.FLOOR_READER_DEPARTMENT || null;

async function hasShares(): Promise<boolean> {
  const { rows } = await pool.query(`SELECT to_regclass('record_shares') IS NOT NULL AS present`);
  return rows[0].present;
}

function listSql(shares: boolean): string {
  const columns = (reader ? READER_COLUMNS : ACCOUNT_COLUMNS).map((c) => `t0."${c}"`).join(', ');
  const shared = shares
    ? ` OR t0.id IN (SELECT record_id FROM record_shares WHERE object = 'account' AND (user_id = $4 OR department_id = $3) AND access IN ('read', 'write'))`
    : '';
  const scope = reader ? ` AND (t0._department IN (SELECT descendant FROM department_tree WHERE ancestor = $3)${shared})` : '';
  return `SELECT ${columns} FROM records.account AS t0 WHERE t0._deleted_at IS NULL AND t0.status = $1 AND t0.region = $2${scope} ` +
    `ORDER BY t0.revenue DESC NULLS FIRST, t0.id LIMIT 51`;
}

const listing = hasShares().then((shares) => ({
  shares,
  sql: listSql(shares),
  params: (status: string, region: string) => (!reader ? [status, region] : shares ? [status, region, readerDepartment, reader] : [status, region, readerDepartment]),
}));
// A failed check answers 500 on the list rather than ending the process before it listens.
listing.catch(() => undefined);
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
  const { sql, params } = await listing;
  const { rows } = await pool.query(sql, params(status, region));
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
    : req.method === 'GET' && url.pathname === '/floor/info' ? listing.then(({ shares, sql }) => send(res, 200, { reader, readerDepartment, shares, sql }))
    : Promise.resolve(send(res, 404, { error: { code: 'NOT_FOUND', message: 'no such endpoint' } }));
  work.catch((err: Error) => send(res, 500, { error: { code: 'INTERNAL', message: err.message } }));
});

server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1');

process.once('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
