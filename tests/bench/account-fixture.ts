import pg from 'pg';

export const STATUSES = ['lead', 'prospect', 'customer', 'churned', 'lost'] as const;
export const REGIONS = ['Chongqing', 'Sichuan', 'Yunnan', 'Guizhou', 'Guangdong', 'Zhejiang', 'Jiangsu', 'Beijing', 'Shanghai', 'Hubei'] as const;
export const INDUSTRIES = ['tobacco', 'telecom', 'food', 'retail', 'energy', 'finance', 'logistics', 'education'] as const;

/** The object every scenario works on; the index lets PostgreSQL answer the list from its first 51 entries. */
export const ACCOUNT_DEFINITION = {
  label: { en: 'Account', 'zh-CN': '客户' },
  titleField: 'name',
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 200, unique: true },
    { name: 'status', type: 'enum', options: [...STATUSES] },
    { name: 'region', type: 'enum', options: [...REGIONS] },
    { name: 'revenue', type: 'number', min: 0 },
    { name: 'industry', type: 'enum', options: [...INDUSTRIES] },
    { name: 'owner_note', type: 'text', maxLength: 500 },
    { name: 'signed', type: 'date' },
  ],
  history: ['revenue', 'status'],
  indexes: [{ fields: ['status', 'region', '-revenue'] }],
};

/** The columns an account has in the API (and so the floor selects), system fields first. */
export const ACCOUNT_COLUMNS = [
  'id', '_version', '_owner', '_department', '_state', '_created_at', '_created_by', '_updated_at',
  'name', 'status', 'region', 'revenue', 'industry', 'owner_note', 'signed',
] as const;

/** The status/region pairs the list scenario rotates over: large and small result sets alike. */
export const LIST_FILTERS: readonly { status: string; region: string }[] = [
  { status: 'customer', region: 'Sichuan' },
  { status: 'lead', region: 'Chongqing' },
  { status: 'prospect', region: 'Yunnan' },
  { status: 'customer', region: 'Guangdong' },
  { status: 'churned', region: 'Sichuan' },
  { status: 'lost', region: 'Hubei' },
  { status: 'lead', region: 'Shanghai' },
  { status: 'customer', region: 'Beijing' },
  { status: 'prospect', region: 'Zhejiang' },
  { status: 'churned', region: 'Jiangsu' },
  { status: 'lost', region: 'Guizhou' },
  { status: 'customer', region: 'Chongqing' },
];

export function listPath(filter: { status: string; region: string }): string {
  const json = JSON.stringify({ status: { $eq: filter.status }, region: { $eq: filter.region } });
  return `/api/records/account?filter=${encodeURIComponent(json)}&sort=-revenue&limit=50`;
}

/** A valid new account; `seq` makes the name unique. */
export function newAccount(prefix: string, seq: number): Record<string, unknown> {
  return {
    name: `${prefix} ${seq}`,
    status: STATUSES[seq % STATUSES.length],
    region: REGIONS[seq % REGIONS.length],
    revenue: 1000 + ((seq * 7919) % 1_000_000),
    industry: INDUSTRIES[seq % INDUSTRIES.length],
    owner_note: `Call back about the renewal, ticket ${seq}`,
    signed: `2024-${String((seq % 12) + 1).padStart(2, '0')}-${String((seq % 28) + 1).padStart(2, '0')}`,
  };
}

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;

/**
 * Fills records.account with `count` rows in one statement. Statuses and regions are skewed (a few
 * large groups, a long tail), 5% of revenues are null, leads have no signing date. Each row is owned
 * by one of `owners`, drawn uniformly, and belongs to that owner's department, so the rows spread
 * over the organisation's departments independently of status, region and revenue.
 */
export async function seedAccounts(url: string, count: number, owners: readonly { id: string; department: string | null }[]): Promise<void> {
  if (!owners.length) throw new Error('seedAccounts needs at least one owner');
  const client = new pg.Client({ connectionString: url, application_name: 'tessera-bench' });
  await client.connect();
  try {
    await client.query('SELECT setseed(0.42)');
    await client.query(
      `INSERT INTO records.account
         (name, status, region, revenue, industry, owner_note, signed, _owner, _department, _created_by, _created_at, _updated_at)
       SELECT 'Account ' || lpad(g::text, 7, '0'),
              CASE WHEN r1 < 0.35 THEN 'lead' WHEN r1 < 0.55 THEN 'prospect' WHEN r1 < 0.85 THEN 'customer'
                   WHEN r1 < 0.95 THEN 'churned' ELSE 'lost' END,
              (${sqlArray(REGIONS)})[1 + floor(power(r2, 1.6) * ${REGIONS.length})::int],
              CASE WHEN r3 < 0.05 THEN NULL ELSE round(power(10, 3 + r3 * 5)::numeric, 2) END,
              (${sqlArray(INDUSTRIES)})[1 + floor(r4 * ${INDUSTRIES.length})::int],
              CASE WHEN r4 < 0.6 THEN NULL ELSE 'Follow up with the buyer in Q' || (1 + floor(r4 * 4)::int) || ', visit ' || g END,
              CASE WHEN r1 < 0.35 THEN NULL ELSE date '2015-01-01' + floor(r2 * 3650)::int END,
              ($1::bigint[])[o], ($2::bigint[])[o], ($1::bigint[])[o], c, c
         FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                      now() - random() * interval '5 years' AS c,
                      1 + floor(random() * cardinality($1::bigint[]))::int AS o
                 FROM generate_series(1, $3::int) AS g) AS s`,
      [owners.map((o) => o.id), owners.map((o) => o.department), count],
    );
    await client.query('VACUUM ANALYZE records.account');
    // Flush the seed's dirty pages now rather than during the first measurement.
    await client.query('CHECKPOINT').catch(() => undefined);
  } finally {
    await client.end();
  }
}

/** A CSV of `rows` new accounts under a header row of field names. */
export function accountsCsv(prefix: string, rows: number): string {
  const lines = ['name,status,region,revenue,industry,owner_note,signed'];
  for (let i = 1; i <= rows; i++) {
    const a = newAccount(prefix, i);
    lines.push([a.name, a.status, a.region, a.revenue, a.industry, `"${String(a.owner_note)}"`, a.signed].join(','));
  }
  return lines.join('\n') + '\n';
}
