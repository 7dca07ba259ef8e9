import type { HookContext, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import { T, slotTaken } from './texts.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MAX_MONTHS = 36;

/** The calendar months from `first` to `last` ('YYYY-MM'), or null when the range is not one. */
export function monthsBetween(first: unknown, last: unknown): string[] | null {
  const a = typeof first === 'string' ? MONTH.exec(first) : null;
  const b = typeof last === 'string' ? MONTH.exec(last) : null;
  if (!a || !b) return null;
  const start = Number(a[1]) * 12 + Number(a[2]) - 1;
  const end = Number(b[1]) * 12 + Number(b[2]) - 1;
  if (end < start || end - start >= MAX_MONTHS) return null;
  return Array.from({ length: end - start + 1 }, (_, i) => `${Math.floor((start + i) / 12)}-${String(((start + i) % 12) + 1).padStart(2, '0')}`);
}

function monthsOf(values: RecordData): string[] {
  const months = monthsBetween(values.first_month, values.last_month);
  if (!months) throw pluginError('VALIDATION_FAILED', T.monthRange, [{ path: '/last_month', message: T.monthRange }]);
  return months;
}

/** Refuses months of the slot that another placement holds, naming them (a race is settled by the index). */
async function refuseTakenMonths(slot: string, months: string[], system: SystemRecordService): Promise<void> {
  const taken = await system.list('ad_booking', { filter: { slot, month: { $in: months }, status: 'booked' }, sort: 'month', limit: MAX_MONTHS, fields: ['month', 'placement'] });
  if (taken.data.length === 0) return;
  const placements = await system.list('ad_placement', { filter: { id: { $in: [...new Set(taken.data.map((b) => String(b.placement)))] } }, fields: ['name'] });
  const message = slotTaken(taken.data.map((b) => String(b.month)), placements.data.map((p) => String(p.name)));
  throw pluginError('CONFLICT', message, [{ path: '/first_month', message }]);
}

/** Before a placement is created: its months are a valid range, free on an on-sale slot; the price defaults to the slot's monthly price. */
export async function checkNewPlacement({ values, system }: HookContext): Promise<void> {
  if (!values) return;
  const months = monthsOf(values);
  const slot = await system.get('ad_slot', String(values.slot));
  if (slot.active === false) throw pluginError('CONFLICT', T.slotNotOnSale, [{ path: '/slot', message: T.slotNotOnSale }]);
  if (values.status !== 'cancelled') await refuseTakenMonths(String(values.slot), months, system);
  if (values.price === undefined || values.price === null) values.price = Number(slot.price) * months.length;
}

/**
 * One `ad_booking` per month of the placement, in the placement's transaction: the partial unique
 * index on (slot, month) among booked rows lets one of two simultaneous sales through.
 */
export async function bookPlacementMonths({ record, system }: HookContext): Promise<void> {
  if (!record || record.status === 'cancelled') return;
  const months = monthsOf(record);
  await system.createMany('ad_booking', months.map((month) => ({ slot: record.slot, placement: record.id, month, status: 'booked' })));
}

/** A placement keeps its slot and months; cancelling it frees them, for good. */
export async function checkPlacementChange({ values, record, system }: HookContext): Promise<void> {
  if (!values || !record) return;
  const moves = ['slot', 'first_month', 'last_month'].some((f) => f in values && values[f] !== record[f]);
  if (record.status === 'cancelled') {
    if ('status' in values && values.status !== 'cancelled') throw pluginError('CONFLICT', T.placementCancelled, [{ path: '/status', message: T.placementCancelled }]);
    return;
  }
  if (moves) throw pluginError('CONFLICT', T.placementFixed, [{ path: '/first_month', message: T.placementFixed }]);
  if (values.status === 'cancelled') {
    const bookings = await system.list('ad_booking', { filter: { placement: String(record.id), status: 'booked' }, limit: MAX_MONTHS, fields: ['id'] });
    await system.updateMany('ad_booking', bookings.data.map((b) => ({ id: String(b.id), values: { status: 'cancelled' } })));
  }
}
