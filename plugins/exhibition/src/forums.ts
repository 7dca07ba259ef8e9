import type { Caller, HookContext, Notify, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { everyPage, pluginError, readBody, readId } from '../../../platform/src/plugins/plugin-api.ts';
import { ownAccount } from './booth-holds.ts';
import { freeSeats, pickSeat, rankInLine } from './forum-seats.ts';
import { isNotFound, lostRace } from './lost-race.ts';
import { T } from './texts.ts';

const SEATED = ['registered', 'attended'];
const ATTEMPTS = 60;

async function seatsTaken(system: SystemRecordService, session: string): Promise<number[]> {
  const seats: number[] = [];
  for await (const page of everyPage(system, 'forum_registration', { filter: { session, status: { $in: SEATED } }, fields: ['seat'] })) {
    for (const r of page.data) if (r.seat != null) seats.push(Number(r.seat));
  }
  return seats;
}

async function waitingLine(system: SystemRecordService, session: string): Promise<RecordData[]> {
  const line: RecordData[] = [];
  for await (const page of everyPage(system, 'forum_registration', { filter: { session, status: 'waiting' }, sort: 'position,id' })) line.push(...page.data);
  return line;
}

/**
 * Before a registration is created: a seat while the session has one (a random free seat between 1
 * and its capacity), else the next place in its waiting list. Seats and places are unique per
 * session among live registrations (the object's `uniqueWhere`), so registrations at the same moment
 * cannot both take the last seat: one gets 409 and `register` tries again. A portal user registers
 * their own company's people. The demo's files, written by the system, bring their seats.
 */
export async function placeRegistration({ values, caller, system }: HookContext): Promise<void> {
  if (!values || typeof values.session !== 'string') return;
  if (caller.userId === null && values.status !== undefined) return;
  const session = await system.get('forum_session', values.session);
  if (session.status !== 'open') throw pluginError('CONFLICT', T.sessionNotOpen);
  if (caller.portal) {
    const own = ownAccount(caller);
    if (!own) throw pluginError('FORBIDDEN', T.mayNotRegister);
    Object.assign(values, { exhibitor: own, visitor: null });
  }
  const seat = pickSeat(freeSeats(Number(session.capacity), await seatsTaken(system, values.session)));
  if (seat !== null) {
    Object.assign(values, { status: 'registered', seat, position: null });
    return;
  }
  const line = await waitingLine(system, values.session);
  const last = line.reduce((max, r) => Math.max(max, Number(r.position ?? 0)), 0);
  Object.assign(values, { status: 'waiting', seat: null, position: last + 1 });
}

export interface RegistrationAnswer {
  registration: RecordData;
  status: 'registered' | 'waiting';
  /** The seat for a registered attendee. */
  seat?: number;
  /** For a waiting one, their place in line: 1 is the next to get a seat. */
  position?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` again after a short random pause when it lost a race, a bounded number of times. */
async function untilSettled<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!lostRace(err)) throw err;
      if (i >= ATTEMPTS) throw pluginError('CONFLICT', T.tooBusy);
      await pause(5 + Math.random() * 20 * Math.min(i, 5));
    }
  }
}

function readText(input: Record<string, unknown>, key: string, required = false): string | undefined {
  const value = input[key];
  if (value === undefined || value === null || value === '') {
    if (required) throw pluginError('BAD_REQUEST', T.bodyObject, [{ path: `/${key}`, message: T.nameRequired }]);
    return undefined;
  }
  if (typeof value !== 'string' || value.length > 200) throw pluginError('BAD_REQUEST', T.bodyObject, [{ path: `/${key}`, message: T.mustBeText }]);
  return value.trim();
}

async function answerFor(registration: RecordData, system: SystemRecordService): Promise<RegistrationAnswer> {
  if (registration.status === 'waiting') {
    const line = await waitingLine(system, String(registration.session));
    return { registration, status: 'waiting', position: rankInLine(Number(registration.position), line.map((r) => Number(r.position))) };
  }
  return { registration, status: 'registered', seat: Number(registration.seat) };
}

/**
 * `POST /forum-sessions/:id/register {attendeeName, company?, phone?, email?, exhibitor?, visitor?}`:
 * created through the caller's records service (their `create` permission and lookups), placed by
 * `placeRegistration`; a lost race for a seat or place is tried again.
 */
export async function registerForSession(sessionId: string, body: unknown, caller: Caller, system: SystemRecordService): Promise<RegistrationAnswer> {
  const input = readBody(body, ['attendeeName', 'company', 'phone', 'email', 'exhibitor', 'visitor']);
  const values: RecordData = {
    session: sessionId,
    attendee_name: readText(input, 'attendeeName', true),
    company: readText(input, 'company'),
    phone: readText(input, 'phone'),
    email: readText(input, 'email'),
    exhibitor: readId(input, 'exhibitor'),
    visitor: readId(input, 'visitor'),
  };
  for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
  if (!(await caller.records.permits('forum_registration', 'create'))) throw pluginError('FORBIDDEN', T.mayNotRegister);
  const session = await readSession(sessionId, caller);
  if (session.status !== 'open') throw pluginError('CONFLICT', T.sessionNotOpen);
  const registration = await untilSettled(() => caller.records.create('forum_registration', values));
  return answerFor(registration, system);
}

async function readSession(id: string, caller: Caller): Promise<RecordData> {
  try {
    return await caller.records.get('forum_session', id);
  } catch (err) {
    if (isNotFound(err)) throw pluginError('NOT_FOUND', T.sessionNotFound);
    throw err;
  }
}

/**
 * `POST /forum-registrations/:id/cancel`: needs `cancel` on the registration (a portal user's scope:
 * their own company's). A seat given up goes, in the same transaction, to the first in the waiting
 * list, whose registrant is told once it is committed.
 */
export async function cancelRegistration(id: string, caller: Caller, notify: Notify): Promise<RegistrationAnswer | { registration: RecordData; status: 'cancelled'; promoted: string | null }> {
  const outcome = await untilSettled(() => caller.transaction(async (tx, system) => {
    let registration: RecordData;
    try {
      registration = await tx.records.get('forum_registration', id);
    } catch (err) {
      if (isNotFound(err)) throw pluginError('NOT_FOUND', T.registrationNotFound);
      throw err;
    }
    if (!(await tx.records.permits('forum_registration', 'cancel', id))) throw pluginError('FORBIDDEN', T.mayNotRegister);
    if (registration.status === 'cancelled' || registration.status === 'attended') throw pluginError('CONFLICT', T.registrationClosed);
    const cancelled = await system.update('forum_registration', id, { _version: registration._version, status: 'cancelled', position: null });
    let promoted: RecordData | null = null;
    if (registration.status === 'registered') {
      const [first] = await waitingLine(system, String(registration.session));
      if (first) promoted = await system.update('forum_registration', String(first.id), { _version: first._version, status: 'registered', seat: registration.seat, position: null });
    }
    return { cancelled, promoted };
  }));
  if (outcome.promoted?._owner) {
    const session = await caller.records.get('forum_session', String(outcome.promoted.session)).catch(() => null);
    const title = String(session?.title ?? '');
    await notify([String(outcome.promoted._owner)], {
      en: `A seat came free: ${String(outcome.promoted.attendee_name)} is now registered for “${title}” (seat ${String(outcome.promoted.seat)}).`,
      'zh-CN': `有座位空出：${String(outcome.promoted.attendee_name)} 已成功报名“${title}”（座位 ${String(outcome.promoted.seat)}）。`,
    }, { object: 'forum_registration', id: String(outcome.promoted.id) });
  }
  return { registration: outcome.cancelled, status: 'cancelled', promoted: outcome.promoted ? String(outcome.promoted.id) : null };
}

/**
 * `GET /forum-sessions/seats?edition=<id>`: the sessions the caller may read with their seats taken and
 * left and how many wait, and `mine`: the caller's live registrations of these sessions as their read
 * scope gives them (a portal user's: their company's), a waiting one with its `place` in line.
 */
export async function sessionSeats(query: Record<string, unknown>, caller: Caller, system: SystemRecordService): Promise<{ data: RecordData[]; mine: RecordData[] }> {
  const edition = query.edition;
  const filter = typeof edition === 'string' && /^[1-9][0-9]{0,18}$/.test(edition) ? { exhibition: edition } : {};
  const sessions = await caller.records.list('forum_session', { filter, sort: 'starts_at,id', limit: 500 });
  if (!sessions.data.length) return { data: [], mine: [] };
  const counts = await system.aggregate('forum_registration', {
    filter: { session: { $in: sessions.data.map((s) => String(s.id)) }, status: { $in: ['registered', 'attended', 'waiting'] } },
    groupBy: [{ field: 'session' }, { field: 'status' }],
    measures: [{ fn: 'count' }],
    limit: 5000,
  });
  const key = (kind: string, field?: string) => counts.columns.find((c) => c.kind === kind && (!field || c.field === field))?.key ?? '';
  const [sessionKey, statusKey, countKey] = [key('group', 'session'), key('group', 'status'), key('measure')];
  const count = (session: unknown, statuses: string[]) => counts.rows
    .filter((row) => String(row[sessionKey]) === String(session) && statuses.includes(String(row[statusKey])))
    .reduce((sum, row) => sum + Number(row[countKey]), 0);
  const ids = sessions.data.map((s) => String(s.id));
  const own = await caller.records.list('forum_registration', { filter: { session: { $in: ids }, status: { $in: ['registered', 'waiting'] } }, sort: 'id', limit: 500 });
  const lines = new Map<string, number[]>();
  for (const r of own.data.filter((x) => x.status === 'waiting')) {
    const session = String(r.session);
    if (!lines.has(session)) lines.set(session, (await waitingLine(system, session)).map((w) => Number(w.position)));
  }
  const mine = own.data.map((r) => (r.status === 'waiting' ? { ...r, place: rankInLine(Number(r.position), lines.get(String(r.session)) ?? []) } : r));
  return {
    mine,
    data: sessions.data.map((s) => {
      const taken = count(s.id, SEATED);
      return { ...s, registered: taken, waiting: count(s.id, ['waiting']), seatsLeft: Math.max(0, Number(s.capacity) - taken) };
    }),
  };
}
