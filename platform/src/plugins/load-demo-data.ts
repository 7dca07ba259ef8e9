import { accountLinkCheck } from '../records/account-links.ts';
import { systemContext, withDb, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { createDepartment, parseDepartmentInput, updateDepartment } from '../organisation/departments.ts';
import { createUser, parseUserInput } from '../organisation/users.ts';
import { createMany } from '../records/create-many.ts';
import { createRecord } from '../records/create-record.ts';
import type { RecordOrigin } from '../records/record-writer.ts';
import type { WorkflowReplay } from '../workflow/replay-workflow.ts';
import { readDemoReplay, replayDemoWorkflows } from './demo-workflow-replays.ts';
import type { PackContents } from './pack-contents.ts';
import { msg } from '../core/messages/message.ts';

type Item = Record<string, unknown>;

interface Loaded {
  departments: Map<string, string>;
  users: Map<string, { id: string; department: string | null }>;
  /** `<object>:<$key>` → record id. */
  keys: Map<string, string>;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Loads a pack's demo data (docs/plugins.md):
 * - departments.json: `{key, name, parent?, head?}` (parent by key, head by username, set once users exist);
 * - users.json: `{username, password, name, department?, manager?, roles}` (department by key, manager by
 *   username, listed before the users they manage);
 * - portal-users.json, listed in the load order after the records they act for: users.json's entries
 *   plus `account: {"object": "<object>", "$key": "<key>"}`, created as portal users linked to that record;
 * - then `<object>.json` arrays of records, where a record may carry `$key` (later records refer to it
 *   with `{"$key": "..."}` in a lookup), `$owner` (a username), `$createdAt` (when it was created, so
 *   that growth charts and SLAs have a history), and lookups to users and departments as
 *   `{"$user": "<username>"}` and `{"$department": "<key>"}`;
 * - a record may also carry `$workflow: {name, at, events?: [{event, at, comment?}]}`: once created it is
 *   submitted to that workflow as of `at` and moved by the events at theirs (each `at` an ISO date-time
 *   or the name of a field of the record holding one), through the engine (demo-workflow-replays.ts).
 * Records of an object without after-create hooks go in through the system's bulk create in runs of
 * DEMO_BATCH (same checks, history and rules, one INSERT per run: the first start installs every
 * pack's demo); the others one at a time. Either way as the system, so the object's rules and the
 * installed packs' hooks apply.
 */
export async function loadDemoData(pack: string, demo: PackContents['demo'], ctx: Ctx): Promise<void> {
  const loaded: Loaded = { departments: new Map(), users: new Map(), keys: new Map() };
  const heads: { key: string; head: string; index: number }[] = [];
  const fail = demoError(pack);
  for (const { file, content } of demo) {
    if (!Array.isArray(content)) throw fail(file, 0, 'the file must hold a JSON array');
    const items = content as Item[];
    if (file === 'departments.json') {
      for (const [i, { key, parent, head, ...rest }] of items.entries()) {
        const parentId = parent === undefined ? undefined : loaded.departments.get(String(parent));
        if (parent !== undefined && !parentId) throw fail(file, i, `unknown parent department '${String(parent)}'`);
        const created = await createDepartment(parseDepartmentInput({ ...rest, ...(parentId ? { parent: parentId } : {}) }, { creating: true }), ctx);
        loaded.departments.set(String(key ?? rest.name), String(created.id));
        if (head !== undefined) heads.push({ key: String(key ?? rest.name), head: String(head), index: i });
      }
    } else if (file === 'users.json') {
      for (const [i, { department, manager, ...rest }] of items.entries()) {
        const departmentId = department === undefined ? undefined : loaded.departments.get(String(department));
        if (department !== undefined && !departmentId) throw fail(file, i, `unknown department '${String(department)}'`);
        const managerId = manager === undefined ? undefined : loaded.users.get(String(manager))?.id;
        if (manager !== undefined && !managerId) throw fail(file, i, `unknown manager '${String(manager)}' (list managers first)`);
        const created = await createUser(parseUserInput({ ...rest, ...(departmentId ? { department: departmentId } : {}), ...(managerId ? { manager: managerId } : {}) }, { creating: true }), ctx, { checkAccount: accountLinkCheck(ctx) });
        loaded.users.set(String(rest.username), { id: String(created.id), department: departmentId ?? null });
      }
      for (const { key, head, index } of heads.splice(0)) {
        const user = loaded.users.get(head);
        if (!user) throw fail('departments.json', index, `unknown head '${head}'`);
        await updateDepartment(loaded.departments.get(key)!, parseDepartmentInput({ head: user.id }, { creating: false }), ctx);
      }
    } else if (file === 'portal-users.json') {
      await loadPortalUsers(items, loaded, fail, ctx);
    } else {
      await loadRecords(file, items, loaded, fail, ctx);
    }
  }
  if (heads.length) throw fail('departments.json', heads[0].index, 'department heads need a users.json naming them');
}

/** Portal users of the demo (customers), each linked to a record loaded before them. */
async function loadPortalUsers(items: Item[], loaded: Loaded, fail: ReturnType<typeof demoError>, ctx: Ctx): Promise<void> {
  for (const [i, { account, ...rest }] of items.entries()) {
    const link = account as { object?: unknown; $key?: unknown } | undefined;
    const id = link ? loaded.keys.get(`${String(link.object)}:${String(link.$key)}`) : undefined;
    if (link && !id) throw fail('portal-users.json', i, `unknown account '${String(link.object)}:${String(link.$key)}'`);
    const input = parseUserInput({ ...rest, kind: 'portal', ...(id ? { account: { object: String(link!.object), id } } : {}) }, { creating: true });
    const created = await createUser(input, ctx, { checkAccount: accountLinkCheck(ctx) });
    loaded.users.set(String(rest.username), { id: String(created.id), department: null });
  }
}

function demoError(pack: string) {
  return (file: string, index: number, message: string) =>
    createError('VALIDATION_FAILED', msg('pack.demoData', { pack, file, index, problem: message }), [{ path: `/${file}/${index}`, message }]);
}

/** Records go in through the system's bulk create in runs of this many (one INSERT each), unless the object has after-create hooks. */
const DEMO_BATCH = 1_000;

interface Pending {
  index: number;
  $key: unknown;
  values: Item;
  origin: RecordOrigin;
  workflow?: WorkflowReplay;
}

async function loadRecords(file: string, items: Item[], loaded: Loaded, fail: ReturnType<typeof demoError>, ctx: Ctx): Promise<void> {
  const object = file.replace(/\.json$/, '');
  const info = ctx.schema.objects.get(object);
  if (!info || info.system) throw fail(file, 0, `there is no object named '${object}'`);
  const system = systemContext(ctx);
  // Objects with after-create hooks get one record at a time, so each hook's writes are there for the next record
  // (a bulk create runs them after the whole run); before hooks run per record in a bulk create too.
  const inBulk = ctx.hooks?.has(object, 'afterCreate') !== true;
  let pending: Pending[] = [];
  const write = (run: Pending[]) => createRun(object, run, loaded, system).then((ids) => replayDemoWorkflows(object, run, ids, (index, problem) => fail(file, index, problem), system));
  const flush = async () => {
    const run = pending;
    pending = [];
    if (run.length) await write(run);
  };
  for (const [i, item] of items.entries()) {
    const { $key, $owner, $createdAt, $workflow, ...values } = item;
    for (const [field, value] of Object.entries(values)) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      const target = info.fields.get(field)?.target;
      // A record referring to one of the run not yet written: the run goes in first.
      if (target === object && '$key' in value && pending.some((p) => p.$key === (value as Item).$key)) await flush();
      const reference = resolveReference(value as Item, target, loaded);
      if (reference === undefined) continue;
      if (reference === null) throw fail(file, i, `${field} refers to something unknown: ${JSON.stringify(value)}`);
      values[field] = reference;
    }
    if ($createdAt !== undefined && (typeof $createdAt !== 'string' || !ISO_DATETIME.test($createdAt) || Number.isNaN(Date.parse($createdAt)))) {
      throw fail(file, i, '$createdAt must be an ISO date or date-time');
    }
    const origin: RecordOrigin = {};
    if ($owner !== undefined) {
      const owner = loaded.users.get(String($owner));
      if (!owner) throw fail(file, i, `unknown owner '${String($owner)}'`);
      Object.assign(origin, { _owner: owner.id, _department: owner.department, _created_by: owner.id });
    }
    if ($createdAt !== undefined) Object.assign(origin, { _created_at: $createdAt, _updated_at: $createdAt });
    const workflow = $workflow === undefined ? undefined : readDemoReplay($workflow, values, (problem) => fail(file, i, problem));
    const record: Pending = { index: i, $key, values, origin, ...(workflow ? { workflow } : {}) };
    if (!inBulk) {
      await write([record]);
      continue;
    }
    // A bulk insert writes the same columns for every row of a run: a record with another origin starts a new run.
    if (pending.length && (pending.length >= DEMO_BATCH || originShape(pending[0].origin) !== originShape(origin))) await flush();
    pending.push(record);
  }
  await flush();
}

const originShape = (origin: RecordOrigin) => Object.keys(origin).join();

/**
 * Writes a run of records; a single record through the record service (the origin goes in with its
 * INSERT), several through the system's bulk create. A run that fails is written again one record
 * at a time inside a savepoint, so the error is the one that record's own create gives (the bulk
 * error when only the run as a whole breaks a rule, e.g. two of its records with one unique key).
 */
async function createRun(object: string, run: Pending[], loaded: Loaded, system: Ctx): Promise<string[]> {
  let ids: string[];
  if (run.length === 1) {
    ids = [String((await createRecord(object, run[0].values, system, run[0].origin)).record.id)];
  } else {
    try {
      ids = await createMany(object, run.map((p) => p.values), system, run.map((p) => p.origin));
    } catch (error) {
      await system.db.transaction(async (trx) => {
        for (const p of run) await createRecord(object, p.values, withDb(system, trx), p.origin);
      });
      throw error;
    }
  }
  run.forEach((p, i) => {
    if (p.$key !== undefined) loaded.keys.set(`${object}:${String(p.$key)}`, ids[i]);
  });
  return ids;
}

/** The id a `{"$key"}`, `{"$user"}` or `{"$department"}` reference names; undefined when the value is no reference, null when it names nothing known. */
function resolveReference(value: Item, target: string | undefined, loaded: Loaded): string | null | undefined {
  if ('$key' in value) return (target && loaded.keys.get(`${target}:${String(value.$key)}`)) || null;
  if ('$user' in value) return target === 'user' ? (loaded.users.get(String(value.$user))?.id ?? null) : null;
  if ('$department' in value) return target === 'department' ? (loaded.departments.get(String(value.$department)) ?? null) : null;
  return undefined;
}
