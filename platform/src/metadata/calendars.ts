import type { Knex } from 'knex';
import type { CalendarDefinition } from '../generated/calendar.ts';

/** The current version of a stored calendar (definitions/calendar-store.ts checks and stores them). */
export async function readCalendar(db: Knex, name: string): Promise<CalendarDefinition | undefined> {
  const row = await db('meta_definitions').where({ kind: 'calendar', name }).first('definition');
  return row?.definition as CalendarDefinition | undefined;
}
