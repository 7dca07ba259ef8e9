import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ACCOUNT_COLUMNS } from './account-fixture.ts';
import { expectStatus, type TesseraClient } from './tessera-client.ts';

/**
 * The organisation the scoped scenarios run in, created through the admin API:
 *
 *   Headquarters (the bootstrap admin's department, depth 0)
 *   └─ 4 divisions (depth 1)
 *      └─ 27 regional offices (depth 2; 7, 7, 7 and 6 per division)
 *         └─ 168 teams (depth 3; 6 or 7 per office)
 *
 * 200 departments in all; the reader's division (North) is 50 of them. One 5-level manager chain
 * runs down every branch: CEO → division director → office manager → team lead → rep, each the
 * head of their department (the rep sits in the team lead's team). 368 users own records; the
 * reader sits at the North division, reports to its director and holds only `bench_regional`.
 */
export const DIVISIONS = ['North', 'South', 'East', 'West'] as const;
const OFFICES_PER_DIVISION = [7, 7, 7, 6] as const;
const TEAMS_PER_OFFICE = 6;
/** Offices (division, office index) with a seventh team, so that the tree has exactly 200 departments. */
const SEVEN_TEAM_OFFICES = new Set(['1:0', '1:1', '2:0', '2:1', '3:0', '3:1']);
export const READER_DIVISION = 0;

export const SCOPED_ROLE = 'bench_regional';
/** Fields the scoped reader may not see (`none`); everything else is `read` through `"*"`. */
export const READER_HIDDEN_FIELDS: readonly string[] = ['owner_note'];
/** The columns a list answers the scoped reader with (and the floor selects for it). */
export const READER_COLUMNS: readonly string[] = ACCOUNT_COLUMNS.filter((c) => !READER_HIDDEN_FIELDS.includes(c));

export const SCOPED_ROLE_DOCUMENT = {
  name: SCOPED_ROLE,
  label: { en: 'Bench regional reader', 'zh-CN': '基准测试区域只读' },
  description: 'Reads the accounts of its department tree; owner notes hidden.',
  objects: {
    account: {
      operations: ['read'],
      scope: { read: 'department_tree' },
      fields: { '*': 'read', revenue: 'read', owner_note: 'none' },
    },
  },
};

export interface OrgDepartment {
  id: string;
  name: string;
  parent: string | null;
  /** 0 headquarters, 1 division, 2 office, 3 team. */
  depth: number;
  /** Index of its division, or -1 for headquarters. */
  division: number;
}

export interface OrgUser {
  id: string;
  username: string;
  department: string;
  manager: string | null;
  /** 1 CEO … 5 rep: the position in the manager chain. */
  level: number;
}

export interface Organisation {
  departments: OrgDepartment[];
  /** The users that own records (everyone in the chain; not the admin or the reader). */
  owners: OrgUser[];
  reader: { id: string; username: string; password: string; department: string };
  /** The reader's department and every department below it. */
  readerSubtree: ReadonlySet<string>;
  /** Depth of the deepest manager chain (CEO = 1). */
  chainLevels: number;
}

/** Runs `work` over `items` with at most `width` calls in flight (user creation hashes passwords). */
async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** Builds the tree, the chain, the role and the reader through the admin API. */
export async function createOrganisation(admin: TesseraClient): Promise<Organisation> {
  const root = admin.session.user.department;
  if (!root) throw new Error('the bootstrap admin has no department to build the tree under');
  // One password for every bench user: 3+ character classes, never equal to a username.
  const password = `Bench-${randomBytes(9).toString('base64url')}7a`;

  const departments: OrgDepartment[] = [{ id: root, name: 'Headquarters', parent: null, depth: 0, division: -1 }];
  const addDepartment = async (name: string, parent: string, depth: number, division: number) => {
    const reply = expectStatus(await admin.call('POST', '/api/admin/departments', { name, parent }), [201], `create department ${name}`);
    const department = { id: String(reply.body.id), name, parent, depth, division };
    departments.push(department);
    return department;
  };
  // Parents before children; siblings in parallel.
  const divisions = await inParallel(DIVISIONS, 4, (name) => addDepartment(`${name} division`, root, 1, DIVISIONS.indexOf(name)));
  const officeSpecs = divisions.flatMap((d) =>
    Array.from({ length: OFFICES_PER_DIVISION[d.division] }, (_, o) => ({ name: `${DIVISIONS[d.division]} office ${o + 1}`, parent: d, o })));
  const offices = await inParallel(officeSpecs, 8, async (s) => ({ ...(await addDepartment(s.name, s.parent.id, 2, s.parent.division)), o: s.o }));
  const teamSpecs = offices.flatMap((office) => {
    const count = TEAMS_PER_OFFICE + (SEVEN_TEAM_OFFICES.has(`${office.division}:${office.o}`) ? 1 : 0);
    return Array.from({ length: count }, (_, t) => ({ name: `${office.name} team ${t + 1}`, parent: office }));
  });
  await inParallel(teamSpecs, 8, (s) => addDepartment(s.name, s.parent.id, 3, s.parent.division));
  if (departments.length !== 200) throw new Error(`the bench tree has ${departments.length} departments instead of 200`);

  expectStatus(await admin.call('PUT', `/api/admin/roles/${SCOPED_ROLE}`, SCOPED_ROLE_DOCUMENT), [200, 201], `role ${SCOPED_ROLE}`);

  const owners: OrgUser[] = [];
  const headOf = new Map<string, OrgUser>();
  const addUser = async (username: string, department: string, manager: OrgUser | null, level: number, roles: string[] = []) => {
    const body = { username, password, name: username.replace(/_/g, ' '), department, manager: manager?.id ?? null, roles };
    const reply = expectStatus(await admin.call('POST', '/api/admin/users', body), [201], `create user ${username}`);
    return { id: String(reply.body.id), username, department, manager: manager?.id ?? null, level };
  };
  // Level by level so that every manager exists before their reports.
  const byDepth = (depth: number) => departments.filter((d) => d.depth === depth);
  for (let depth = 0; depth <= 3; depth++) {
    const heads = await inParallel(byDepth(depth), 4, (d) =>
      addUser(`bench_head_${d.id}`, d.id, d.parent ? headOf.get(d.parent)! : null, depth + 1));
    for (const head of heads) {
      headOf.set(head.department, head);
      owners.push(head);
    }
  }
  const reps = await inParallel(byDepth(3), 4, (team) => addUser(`bench_rep_${team.id}`, team.id, headOf.get(team.id)!, 5));
  owners.push(...reps);
  await inParallel(departments, 8, async (d) =>
    expectStatus(await admin.call('PATCH', `/api/admin/departments/${d.id}`, { head: headOf.get(d.id)!.id }), [200], `head of ${d.name}`));

  const division = divisions[READER_DIVISION];
  const reader = await addUser('bench_reader', division.id, headOf.get(division.id)!, 3, [SCOPED_ROLE]);
  const readerSubtree = new Set<string>();
  for (const d of departments) if (d.id === division.id || (d.division === READER_DIVISION && d.depth > 1)) readerSubtree.add(d.id);

  return {
    departments,
    owners,
    reader: { id: reader.id, username: reader.username, password, department: division.id },
    readerSubtree,
    chainLevels: Math.max(...owners.map((u) => u.level)),
  };
}

/**
 * Shares some accounts outside the reader's subtree with the reader (half with the user, half with
 * their department), picked among the top revenues of every list filter so that shared rows do
 * reach the measured pages. Returns the shared ids, or null when the shares API does not exist yet.
 */
export async function shareAccounts(admin: TesseraClient, url: string, org: Organisation, perFilter: number, filters: readonly { status: string; region: string }[]): Promise<Set<string> | null> {
  const client = new pg.Client({ connectionString: url, application_name: 'tessera-bench' });
  await client.connect();
  let ids: string[];
  try {
    const { rows } = await client.query(
      `SELECT DISTINCT x.id::text AS id FROM unnest($1::text[], $2::text[]) AS f(status, region)
         CROSS JOIN LATERAL (
           SELECT id FROM records.account
            WHERE _deleted_at IS NULL AND status = f.status AND region = f.region AND NOT (_department = ANY($3::bigint[]))
            ORDER BY revenue DESC NULLS FIRST, id OFFSET 5 LIMIT $4) AS x`,
      [filters.map((f) => f.status), filters.map((f) => f.region), [...org.readerSubtree], perFilter],
    );
    ids = rows.map((r: { id: string }) => r.id);
  } finally {
    await client.end();
  }
  const shared = new Set<string>();
  for (const [i, id] of ids.entries()) {
    const target = i % 2 === 0 ? { user: org.reader.id } : { department: org.reader.department };
    const reply = await admin.call('POST', `/api/records/account/${id}/shares`, { ...target, access: 'read' });
    // Until the engine's shares land, the route does not exist (Tessera's 404 for unknown endpoints).
    if (i === 0 && reply.status === 404 && /no such API endpoint/i.test(String(reply.body?.error?.message))) return null;
    expectStatus(reply, [200, 201], `share account ${id}`);
    shared.add(id);
  }
  return shared;
}

/**
 * Statistics for the organisation tables, as autovacuum would have them on a running system (the
 * bench server may run without it). Without them PostgreSQL guesses 8 descendants per ancestor,
 * which can turn a department_tree semi-join into a nested loop over ix_account__department.
 */
export async function analyzeOrganisation(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'tessera-bench' });
  await client.connect();
  try {
    for (const table of ['departments', 'users', 'department_tree', 'manager_chain', 'record_shares']) {
      const { rows } = await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
      if (rows[0].present) await client.query(`ANALYZE ${table}`);
    }
  } finally {
    await client.end();
  }
}
