import type { Caller, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError, readBody, readId } from '../../../platform/src/plugins/plugin-api.ts';
import { ownAccount, readHold } from './booth-holds.ts';
import { readIds } from './read-ids.ts';
import { T } from './texts.ts';

export interface ReservationAnswer {
  reservationId: string;
  number: string;
  state: string;
}

const PAYMENT_PLANS = ['full', 'deposit_balance', 'three_instalments'];

/** A reservation's number: the exhibition's year, then its id, e.g. R2026-000042. */
export function reservationNumber(year: unknown, id: string): string {
  return `R${String(year ?? '')}-${id.padStart(6, '0')}`;
}

/**
 * `POST /holds/:id/reserve {holds?, contact?, discount?, paymentPlan?}`: turns the hold (and further
 * holds of the same exhibitor at the same exhibition) into one reservation, as the caller, and submits
 * it for approval. The holds become `reserved` bookings, so the booths stay taken while it is decided.
 */
export async function reserveHolds(holdId: string, body: unknown, caller: Caller, now = new Date()): Promise<ReservationAnswer> {
  const input = readBody(body, ['holds', 'contact', 'discount', 'paymentPlan']);
  const ids = [holdId, ...readIds(input, 'holds').filter((id) => id !== holdId)];
  const contact = readId(input, 'contact');
  const discount = input.discount;
  if (discount !== undefined && caller.portal) throw pluginError('FORBIDDEN', T.discountForStaff, [{ path: '/discount', message: T.discountForStaff }]);
  const plan = input.paymentPlan;
  if (plan !== undefined && (typeof plan !== 'string' || !PAYMENT_PLANS.includes(plan))) {
    throw pluginError('BAD_REQUEST', T.bodyObject, [{ path: '/paymentPlan', message: { en: `must be one of: ${PAYMENT_PLANS.join(', ')}`, 'zh-CN': `必须是以下之一：${PAYMENT_PLANS.join('、')}` } }]);
  }
  if (!(await caller.records.permits('booth_reservation', 'create'))) throw pluginError('FORBIDDEN', T.mayNotReserve);
  return caller.transaction(async (tx, system) => {
    const holds = await Promise.all(ids.map((id) => readHold(id, tx)));
    const booths = await Promise.all(holds.map((h) => system.get('booth', String(h.booth))));
    checkHolds(holds, booths, caller, now);
    const exhibition = await system.get('exhibition', String(booths[0].exhibition));
    const created = await tx.records.create('booth_reservation', {
      exhibition: exhibition.id,
      exhibitor: holds[0].exhibitor,
      ...(contact ? { contact } : {}),
      ...(discount !== undefined ? { discount } : {}),
      ...(plan ? { payment_plan: plan } : {}),
    });
    const listPrice = holds.reduce((sum, h) => sum + Number(h.price ?? 0), 0);
    const reservation = await system.update('booth_reservation', String(created.id), {
      _version: created._version,
      number: reservationNumber(exhibition.year, String(created.id)),
      list_price: Math.round(listPrice * 100) / 100,
    });
    await system.updateMany('booth_booking', holds.map((h) => ({ id: String(h.id), values: { status: 'reserved', reservation: created.id, expires_at: null } })));
    const started = await tx.records.submit('booth_reservation', String(created.id));
    return { reservationId: String(created.id), number: String(reservation.number), state: started.state };
  });
}

function checkHolds(holds: RecordData[], booths: RecordData[], caller: Caller, now: Date): void {
  holds.forEach((hold, i) => {
    const path = i === 0 ? '' : `/holds/${i - 1}`;
    if (caller.portal && hold.exhibitor !== ownAccount(caller)) throw pluginError('FORBIDDEN', T.holdNotYours, [{ path, message: T.holdNotYours }]);
    if (hold.status !== 'held') throw pluginError('CONFLICT', T.holdNotHeld, [{ path, message: T.holdNotHeld }]);
    if (typeof hold.expires_at === 'string' && Date.parse(hold.expires_at) <= now.getTime()) throw pluginError('CONFLICT', T.holdExpired, [{ path, message: T.holdExpired }]);
    if (hold.exhibitor !== holds[0].exhibitor || booths[i].exhibition !== booths[0].exhibition) {
      throw pluginError('BAD_REQUEST', T.holdsOfOneExhibition, [{ path, message: T.holdsOfOneExhibition }]);
    }
  });
}

/** A reservation that is rejected or cancelled lets its booths go (a workflow action). */
export async function releaseReservation(reservationId: string, system: SystemRecordService): Promise<void> {
  const bookings = await system.list('booth_booking', { filter: { reservation: reservationId, status: { $in: ['reserved', 'sold'] } }, limit: 500 });
  if (bookings.data.length) await system.updateMany('booth_booking', bookings.data.map((b) => ({ id: String(b.id), values: { status: 'released' } })));
}

/** Paid in full, the reservation's booths are sold; refunded, they are released. */
export async function followPayment(reservation: RecordData, system: SystemRecordService): Promise<void> {
  if (reservation.payment_status === 'refunded') return releaseReservation(String(reservation.id), system);
  if (reservation.payment_status !== 'paid') return;
  const bookings = await system.list('booth_booking', { filter: { reservation: String(reservation.id), status: 'reserved' }, limit: 500 });
  if (bookings.data.length) await system.updateMany('booth_booking', bookings.data.map((b) => ({ id: String(b.id), values: { status: 'sold' } })));
}
