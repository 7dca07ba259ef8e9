import type { RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';

export type BookingWindow = 'rebooking' | 'priority' | 'open';

/** The day in China, where the fairs are: windows end at the end of their day there. */
function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Which sale an exhibition is in: until `rebooking_until` only last edition's exhibitors hold booths;
 * then until `priority_until` requests wait on the booths' lists and go by priority points; then
 * whoever comes first.
 */
export function bookingWindow(exhibition: RecordData, now: Date): BookingWindow {
  const today = chinaDay(now);
  if (typeof exhibition.rebooking_until === 'string' && today <= exhibition.rebooking_until) return 'rebooking';
  if (typeof exhibition.priority_until === 'string' && today <= exhibition.priority_until) return 'priority';
  return 'open';
}

/** Whether the exhibitor had a booth (reserved or sold) at the given edition. */
export async function exhibitedAt(system: SystemRecordService, edition: unknown, exhibitor: string): Promise<boolean> {
  if (typeof edition !== 'string') return false;
  const page = await system.list('booth_booking', { filter: { exhibitor, status: { $in: ['reserved', 'sold'] }, 'booth.exhibition': edition }, limit: 1 });
  return page.data.length > 0;
}
