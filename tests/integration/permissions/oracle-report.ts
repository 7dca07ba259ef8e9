import { parse } from 'csv-parse/sync';
import type { ApiResponse } from '../helpers/test-app.ts';
import { SOME_TIMESTAMP, type Expected } from './oracle.ts';
import type { ItemRow, ListQuery, User, World } from './world.ts';

/** Compares API answers with the oracle's and words every difference so a failing world can be read without a debugger. */

export const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

type Row = Record<string, unknown>;
type ExportBody = { columns: string[]; rows: Row[] };

const show = (value: unknown) => (value === SOME_TIMESTAMP ? '<a timestamp>' : JSON.stringify(value));
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

function errorText(res: { status: number; body?: any }): string {
  const error = res.body?.error;
  return error ? ` ${error.code}: ${error.message}` : '';
}

const statusMatches = (expected: Expected<unknown>, status: number) => status === expected.status || (expected.alsoAllowed ?? []).includes(status);

function expectedStatusText(expected: Expected<unknown>): string {
  return [expected.status, ...(expected.alsoAllowed ?? [])].join(' or ');
}

/** Field by field: the exact key set, then each value (timestamps only for being there). */
function rowDifferences(expected: Row, actual: Row): string[] {
  const problems: string[] = [];
  const expectedKeys = Object.keys(expected);
  const actualKeys = Object.keys(actual);
  const missing = expectedKeys.filter((k) => !(k in actual));
  const extra = actualKeys.filter((k) => !(k in expected));
  if (missing.length) problems.push(`fields missing from the answer: ${missing.join(', ')}`);
  if (extra.length) problems.push(`fields that must not be in the answer: ${extra.join(', ')}`);
  for (const key of expectedKeys.filter((k) => k in actual)) {
    const want = expected[key];
    const got = actual[key];
    const ok = want === SOME_TIMESTAMP ? typeof got === 'string' && got !== '' : JSON.stringify(want) === JSON.stringify(got);
    if (!ok) problems.push(`${key}: expected ${show(want)}, got ${show(got)}`);
  }
  return problems;
}

/** An export cell as the CSV writes it: empty for null, numbers and text as they are. */
function cellDifference(column: string, want: unknown, got: string | undefined): string | null {
  if (want === SOME_TIMESTAMP) return got ? null : `${column}: expected a timestamp, got ${JSON.stringify(got)}`;
  const cell = want === null || want === undefined ? '' : String(want);
  return cell === got ? null : `${column}: expected ${JSON.stringify(cell)}, got ${JSON.stringify(got)}`;
}

export function exportAnswer(res: ApiResponse): Expected<ExportBody> {
  if (res.status !== 200 || typeof res.body !== 'string') return { status: res.status, body: res.body };
  const [header = [], ...lines] = parse(res.body, { bom: true, relax_column_count: true }) as string[][];
  return { status: 200, body: { columns: header, rows: lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]))) } };
}

function describeUser(user: User): string {
  const roles = user.roles.map((r) => r.name).join(', ') || 'none';
  return `${user.username} (id ${user.id}, department ${user.department ?? 'none'}, manager ${user.manager ?? 'none'}, roles ${roles})`;
}

function describeRecord(row: ItemRow | undefined): string {
  if (!row) return 'no live record';
  const { id, _version, _owner, _department, _state, _created_by, title, kind, amount, secret, tag } = row;
  return JSON.stringify({ id, _version, _owner, _department, _state, _created_by, title, kind, amount, secret, tag });
}

function describeQuery(query: ListQuery): string {
  const parts = [query.filter && `filter=${JSON.stringify(query.filter)}`, query.sort && `sort=${query.sort}`, query.fields && `fields=${query.fields.join(',')}`];
  return parts.filter(Boolean).join(' ') || '(no filter)';
}

/** Everything needed to rebuild the world by hand: departments, roles, users, tags, records, shares. */
export function describeWorld(world: World): string {
  const lines = [`world ${world.label}: object ${world.item} (lookup tag → ${world.tag})`];
  lines.push(`departments: ${world.departments.map((d) => `${d.id}${d.parent ? `<${d.parent}` : ''}`).join(', ')}  (child<parent)`);
  lines.push('roles:');
  for (const r of world.roles) lines.push(`  ${r.name}: ${JSON.stringify({ superuser: r.superuser || undefined, login: r.login, item: r.item, tag: r.tag })}`);
  lines.push('users:');
  for (const u of world.users) lines.push(`  ${describeUser(u)}`);
  lines.push(`tags: ${world.tags.map((tag) => JSON.stringify(tag)).join(', ')}`);
  lines.push('records:');
  for (const row of world.items.values()) lines.push(`  ${describeRecord(row)}`);
  if (world.removed.length) lines.push(`deleted records: ${world.removed.join(', ')}`);
  lines.push(`shares: ${world.shares.map((s) => `${s.record}→${s.user ? `user ${s.user}` : `department ${s.department}`} ${s.access}`).join(', ') || 'none'}`);
  return lines.join('\n');
}

export class Comparison {
  cases = 0;
  readonly mismatches: string[] = [];

  constructor(private readonly world: World) {}

  private report(what: string, user: User, record: ItemRow | undefined | null, problems: string[]): void {
    if (!problems.length) return;
    const lines = [`✗ ${what} as ${describeUser(user)}`];
    if (record !== null) lines.push(`  record: ${describeRecord(record)}`);
    lines.push(...problems.map((p) => `  - ${p}`));
    this.mismatches.push(lines.join('\n'));
  }

  /** A difference found outside an answer (a refused write that changed the record); counted with its answer. */
  problem(what: string, user: User, record: ItemRow, message: string): void {
    this.report(what, user, record, [message]);
  }

  private status(expected: Expected<unknown>, res: { status: number; body?: any }): string[] {
    return statusMatches(expected, res.status) ? [] : [`status: expected ${expectedStatusText(expected)}, got ${res.status}${errorText(res)}`];
  }

  compareValue(what: string, user: User, record: ItemRow | undefined, expected: Expected<unknown>, actual: Expected<unknown>): void {
    this.cases++;
    const problems = this.status(expected, actual);
    if (!problems.length && actual.status === 200 && JSON.stringify(expected.body) !== JSON.stringify(actual.body)) {
      problems.push(`answer: expected ${show(expected.body)}, got ${show(actual.body)}`);
    }
    this.report(what, user, record, problems);
  }

  compareRecord(what: string, user: User, record: ItemRow | undefined, expected: Expected<Row>, res: ApiResponse): void {
    this.cases++;
    const problems = this.status(expected, res);
    if (!problems.length && res.status === 200 && expected.body) problems.push(...rowDifferences(expected.body, res.body));
    this.report(what, user, record, problems);
  }

  /** The same records (by id), `total`, and each row's fields and values. */
  compareList(user: User, query: ListQuery, expected: Expected<Row[]>, res: ApiResponse): void {
    this.cases++;
    const problems = this.status(expected, res);
    if (!problems.length && res.status === 200) {
      const want = expected.body!;
      const got: Row[] = res.body.data;
      problems.push(...this.idDifferences(want, got));
      if (res.body.total !== want.length) problems.push(`total: expected ${want.length}, got ${res.body.total}`);
      for (const row of got) {
        const match = want.find((w) => w.id === row.id);
        if (match) problems.push(...rowDifferences(match, row).map((p) => `record ${String(row.id)}: ${p}`));
      }
    }
    this.report(`list ${describeQuery(query)}`, user, null, problems);
  }

  compareExport(user: User, expected: Expected<ExportBody>, actual: Expected<ExportBody>): void {
    this.cases++;
    const problems = this.status(expected, actual);
    if (!problems.length && actual.status === 200) {
      const want = expected.body!;
      const got = actual.body!;
      if (!sameSet(want.columns, got.columns)) problems.push(`columns: expected ${want.columns.join(',')}, got ${got.columns.join(',')}`);
      problems.push(...this.idDifferences(want.rows, got.rows));
      for (const row of got.rows) {
        const match = want.rows.find((w) => w.id === row.id);
        if (!match) continue;
        for (const column of want.columns.filter((c) => got.columns.includes(c))) {
          const difference = cellDifference(column, match[column], row[column] as string | undefined);
          if (difference) problems.push(`record ${String(row.id)}: ${difference}`);
        }
      }
    }
    this.report('export csv', user, null, problems);
  }

  private idDifferences(want: Row[], got: Row[]): string[] {
    const wantIds = want.map((r) => String(r.id));
    const gotIds = got.map((r) => String(r.id));
    const problems: string[] = [];
    const missing = wantIds.filter((id) => !gotIds.includes(id));
    const extra = gotIds.filter((id) => !wantIds.includes(id));
    if (missing.length) problems.push(`missing records: ${missing.map((id) => describeRecord(this.world.items.get(id))).join('; ')}`);
    if (extra.length) problems.push(`records that must not be there: ${extra.map((id) => `${id} ${describeRecord(this.world.items.get(id))}`).join('; ')}`);
    if (new Set(gotIds).size !== gotIds.length) problems.push(`a record appears twice: ${gotIds.join(',')}`);
    return problems;
  }
}
