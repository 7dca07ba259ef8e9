import type { Field } from '@/api/types';

// A percent field stores a fraction (0.3 means 30 %); people read and type it in percent units.

/** Decimals of the percent a person sees and types: two, or what the field's scale leaves after the two the percent takes. */
export function percentDigits(field: Pick<Field, 'scale'>): number {
  return typeof field.scale === 'number' ? Math.max(0, field.scale - 2) : 2;
}

// Multiplying or dividing by 100 leaves binary noise (0.07 * 100 = 7.000000000000001): round it away.
const clean = (value: number, digits: number) => Number(value.toFixed(digits));

/** 0.3 → 30 */
export function toPercent(fraction: number): number {
  return clean(fraction * 100, 10);
}

/** 30 → 0.3 */
export function fromPercent(percent: number): number {
  return clean(percent / 100, 12);
}

/** A stored fraction, or a bound of one, in percent units; anything else unchanged. */
export function percentOrSame(value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) ? toPercent(value) : value;
}

/** A fraction as a person reads it in a language, e.g. `30 %` / `12.5 %`. */
export function formatPercent(fraction: number, locale: string, digits = 2): string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(toPercent(fraction));
  return `${number} %`;
}

/** The server's sentence about a percent field's bound ("… must be at most 1") with the bound in percent ("… at most 100 %"). */
export function percentBound(message: string): string {
  return message.replace(/( must be at (?:least|most) |：不能[小大]于 )(-?[\d.]+)$/, (_, head: string, bound: string) => `${head}${toPercent(Number(bound))} %`);
}
