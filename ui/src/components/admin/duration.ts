/** The units a duration is typed in, in minutes. */
export const DURATION_UNITS = { minutes: 1, hours: 60, days: 1440, weeks: 10080 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/**
 * An ISO 8601 duration (`P2D`, `PT48H`, `P1DT12H`) as an amount of the largest unit that divides it;
 * null for what a number and a unit cannot say (years, months, seconds), which stays as typed.
 */
export function splitDuration(iso: string | undefined): { amount: number; unit: DurationUnit } | null {
  const m = iso ? PATTERN.exec(iso) : null;
  if (!m || iso === 'P' || iso === 'PT') return null;
  const [weeks, days, hours, minutes] = m.slice(1).map((part) => Number(part ?? 0));
  const total = weeks * DURATION_UNITS.weeks + days * DURATION_UNITS.days + hours * DURATION_UNITS.hours + minutes;
  if (total === 0) return null;
  const unit = (['weeks', 'days', 'hours', 'minutes'] as const).find((u) => total % DURATION_UNITS[u] === 0)!;
  return { amount: total / DURATION_UNITS[unit], unit };
}

/** An amount of a unit as the ISO 8601 duration the definitions store. */
export function joinDuration(amount: number, unit: DurationUnit): string {
  if (unit === 'weeks') return `P${amount}W`;
  if (unit === 'days') return `P${amount}D`;
  return `PT${amount}${unit === 'hours' ? 'H' : 'M'}`;
}
