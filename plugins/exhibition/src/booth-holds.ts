import type { Caller, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError, readBody, readId } from '../../../platform/src/plugins/plugin-api.ts';
import { bookingWindow, exhibitedAt } from './booking-window.ts';
import { isNotFound } from './lost-race.ts';
import { readIds } from './read-ids.ts';
import { T } from './texts.ts';

/** A booth counts as taken while one of its bookings is in one of these; the database keeps it to one (uniqueWhere). */
export const ACTIVE_BOOKING = ['held', 'reserved', 'sold'] as const;

export interface HoldAnswer {
  holdId: string;
  expiresAt: string;
}

const DEFAULT_HOLD_MINUTES = 15;

/** The crm account a portal user acts for (their `account` link), or null for staff and other links. */
export function ownAccount(caller: Caller): string | null {
  return caller.account?.object === 'account' ? caller.account.id : null;
}

/** The account a caller acts for: a portal user's own company, else the exhibitor the staff member names. */
export function exhibitorFor(caller: Caller, named: string | undefined): string {
  const own = ownAccount(caller);
  if (own) return own;
  if (caller.portal) throw pluginError('FORBIDDEN', T.mayNotHold);
  if (!named) throw pluginError('BAD_REQUEST', T.noExhibitor, [{ path: '/exhibitor', message: T.mustBeId }]);
  return named;
}

/**
 * Holds that ran out are marked expired before a new hold is tried, so a stale hold never blocks a
 * booth; the expiry job does the same for every booth once a minute.
 */
export async function expireHolds(system: SystemRecordService, now: Date, booth?: string): Promise<string[]> {
  const filter = { status: 'held', expires_at: { $lt: now.toISOString() }, ...(booth ? { booth } : {}) };
  const stale = await system.list('booth_booking', { filter, limit: 500 });
  if (stale.data.length === 0) return [];
  await system.updateMany('booth_booking', stale.data.map((b) => ({ id: String(b.id), values: { status: 'expired' } })));
  return stale.data.map((b) => String(b.booth));
}

/**
 * A booth someone asks for, holding or waiting, and its edition: the caller must read the booth and the
 * exhibitor and have `hold` on the booth (a booth they may not read is 404, as everywhere).
 */
export async function boothToClaim(boothId: string, exhibitor: string, tx: Caller, system: SystemRecordService): Promise<{ booth: RecordData; exhibition: RecordData }> {
  const booth = await tx.records.get('booth', boothId);
  if (!(await tx.records.permits('booth', 'hold', boothId))) throw pluginError('FORBIDDEN', T.mayNotHold);
  await tx.records.get('account', exhibitor);
  return { booth, exhibition: await system.get('exhibition', String(booth.exhibition)) };
}

/**
 * `POST /booths/:id/hold`: a hold for `hold_minutes` (15 by default). Two callers holding the same booth
 * at the same moment both get as far as the insert; the partial unique index lets one through and the
 * other gets 409 with the rule's words.
 */
export async function holdBooth(boothId: string, body: unknown, caller: Caller, now = new Date()): Promise<HoldAnswer> {
  const input = readBody(body, ['exhibitor']);
  const exhibitor = exhibitorFor(caller, readId(input, 'exhibitor'));
  return caller.transaction(async (tx, system) => {
    const { booth, exhibition } = await boothToClaim(boothId, exhibitor, tx, system);
    if (booth.status === 'blocked') throw pluginError('CONFLICT', T.blocked, [{ path: '/status', message: T.blocked }]);
    await refuseOutsideWindow(exhibition, exhibitor, system, now);
    await expireHolds(system, now, boothId);
    const minutes = Number(exhibition.hold_minutes ?? DEFAULT_HOLD_MINUTES);
    const expiresAt = new Date(now.getTime() + minutes * 60_000).toISOString();
    const hold = await system.create('booth_booking', { booth: boothId, exhibitor, status: 'held', expires_at: expiresAt, price: booth.price });
    return { holdId: String(hold.id), expiresAt };
  });
}

async function refuseOutsideWindow(exhibition: RecordData, exhibitor: string, system: SystemRecordService, now: Date): Promise<void> {
  if (exhibition.status !== 'booking') throw pluginError('CONFLICT', T.notBooking);
  const window = bookingWindow(exhibition, now);
  if (window === 'open') return;
  // In the priority window booths go by points: requests wait on the booth's list until it closes.
  if (window === 'priority') throw pluginError('CONFLICT', T.priorityWindow);
  if (!(await exhibitedAt(system, exhibition.previous_edition, exhibitor))) throw pluginError('CONFLICT', T.rebookingOnly);
}

/** `POST /holds/:id/release`: the exhibitor (or staff) lets a hold go before it runs out. */
export async function releaseHold(holdId: string, caller: Caller): Promise<RecordData> {
  return caller.transaction(async (tx, system) => {
    const hold = await readHold(holdId, tx);
    if (caller.portal && hold.exhibitor !== ownAccount(caller)) throw pluginError('FORBIDDEN', T.holdNotYours);
    if (hold.status !== 'held') throw pluginError('CONFLICT', T.holdNotHeld);
    return system.update('booth_booking', holdId, { _version: hold._version, status: 'released' });
  });
}

export async function readHold(holdId: string, records: Caller): Promise<RecordData> {
  try {
    return await records.records.get('booth_booking', holdId);
  } catch (err) {
    if (isNotFound(err)) throw pluginError('NOT_FOUND', T.holdNotFound);
    throw err;
  }
}

export { readIds };
