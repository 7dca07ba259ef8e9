import type { Caller, Notify, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError, readBody, readId } from '../../../platform/src/plugins/plugin-api.ts';
import { bookingWindow } from './booking-window.ts';
import { boothToClaim, exhibitorFor, expireHolds } from './booth-holds.ts';
import { T } from './texts.ts';

const DEFAULT_OFFER_HOURS = 48;

export interface WaitlistAnswer {
  entryId: string;
  /** 1 for the first in line; the line is ordered by priority points, then by who came first. */
  position: number;
}

/** Who waits for a booth, in order: more priority points first (none counts as 0), then who came first. */
async function line(system: SystemRecordService, boothId: string): Promise<RecordData[]> {
  const page = await system.list('booth_waitlist', { filter: { booth: boothId, status: 'waiting' }, sort: '_created_at', limit: 500 });
  const exhibitors = [...new Set(page.data.map((e) => String(e.exhibitor)))];
  const accounts = exhibitors.length ? await system.list('account', { filter: { id: { $in: exhibitors } }, fields: ['priority_points'], limit: 500 }) : { data: [] };
  const points = new Map(accounts.data.map((a) => [String(a.id), Number(a.priority_points ?? 0)]));
  const pointsOf = (e: RecordData) => points.get(String(e.exhibitor)) ?? 0;
  return page.data.map((e, i) => ({ e, i })).sort((a, b) => pointsOf(b.e) - pointsOf(a.e) || a.i - b.i).map(({ e }) => e);
}

/** `POST /booths/:id/waitlist`: waits for a booth that is taken, or asks for one in the priority window. */
export async function joinWaitlist(boothId: string, body: unknown, caller: Caller, now = new Date()): Promise<WaitlistAnswer> {
  const input = readBody(body, ['exhibitor']);
  const exhibitor = exhibitorFor(caller, readId(input, 'exhibitor'));
  return caller.transaction(async (tx, system) => {
    const { booth, exhibition } = await boothToClaim(boothId, exhibitor, tx, system);
    if (booth.status === 'blocked') throw pluginError('CONFLICT', T.blocked);
    if (exhibition.status !== 'booking') throw pluginError('CONFLICT', T.notBooking);
    if (booth.status === 'available' && bookingWindow(exhibition, now) === 'open') throw pluginError('CONFLICT', T.alreadyAvailable);
    const entry = await system.create('booth_waitlist', { booth: boothId, exhibitor, status: 'waiting' });
    const position = (await line(system, boothId)).findIndex((e) => e.id === entry.id) + 1;
    return { entryId: String(entry.id), position };
  });
}

/** The minute's booking job, also run at once by staff: holds that ran out expire, then freed booths are offered. */
export async function expireAndOffer(system: SystemRecordService, notify: Notify, now = new Date()): Promise<{ expired: number; offered: number }> {
  const expired = await expireHolds(system, now);
  return { expired: expired.length, offered: await offerFreedBooths(system, notify, now) };
}

/**
 * Offers every available booth with someone waiting to the first in its line: a hold for them that
 * lasts `offer_hours`, and a notice to the account's owner. Booths of exhibitions still in their
 * rebooking or priority window wait until it closes.
 */
export async function offerFreedBooths(system: SystemRecordService, notify: Notify, now: Date): Promise<number> {
  const waiting = await system.list('booth_waitlist', { filter: { status: 'waiting', 'booth.status': 'available' }, limit: 500, fields: ['booth'] });
  let offered = 0;
  for (const boothId of new Set(waiting.data.map((e) => String(e.booth)))) {
    const booth = await system.get('booth', boothId);
    const exhibition = await system.get('exhibition', String(booth.exhibition));
    if (exhibition.status !== 'booking' || bookingWindow(exhibition, now) !== 'open') continue;
    const [first] = await line(system, boothId);
    if (!first) continue;
    const hours = Number(exhibition.offer_hours ?? DEFAULT_OFFER_HOURS);
    await system.create('booth_booking', { booth: boothId, exhibitor: first.exhibitor, status: 'held', price: booth.price, expires_at: new Date(now.getTime() + hours * 3600_000).toISOString() });
    await system.update('booth_waitlist', String(first.id), { _version: first._version, status: 'offered', offered_at: now.toISOString() });
    const account = await system.get('account', String(first.exhibitor));
    if (account._owner) {
      await notify([String(account._owner)], {
        en: `Booth ${String(booth.number)} is held for ${String(account.name)} for ${hours} hours: reserve it before the hold runs out.`,
        'zh-CN': `展位 ${String(booth.number)} 已为 ${String(account.name)} 预留 ${hours} 小时，请在预留到期前完成预订。`,
      }, { object: 'booth', id: boothId });
    }
    offered++;
  }
  return offered;
}
