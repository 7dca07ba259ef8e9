import type { HookContext, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { ACTIVE_BOOKING } from './booth-holds.ts';

const isActive = (status: unknown) => (ACTIVE_BOOKING as readonly unknown[]).includes(status);

/** The booth shows its active booking: held, reserved or sold with its exhibitor, else available (unless blocked). */
export async function showBookingOnBooth(booking: RecordData, system: SystemRecordService): Promise<void> {
  const booth = await system.get('booth', String(booking.booth));
  const next = isActive(booking.status)
    ? { status: booking.status, exhibitor: booking.exhibitor }
    : booth.status === 'blocked' || booth.exhibitor !== booking.exhibitor ? null : { status: 'available', exhibitor: null };
  if (!next || (booth.status === next.status && booth.exhibitor === next.exhibitor)) return;
  await system.update('booth', String(booth.id), { _version: booth._version, ...next });
}

export async function bookingChanged({ record, system }: HookContext): Promise<void> {
  if (record) await showBookingOnBooth(record, system);
}
