/**
 * The seasonal index of a measure: each period's total as a ratio to its year's mean period, averaged
 * over the years that have the period (1.2 = 20 % above an average period). Periods are months 1–12,
 * ISO weeks 1–53 or weekdays 1–7: any numbering. A period absent from the input is unknown, not
 * zero: give zero totals explicitly for periods without sales.
 */
export interface PeriodTotal {
  year: number;
  period: number;
  total: number;
}

export interface SeasonalIndex {
  period: number;
  /** null when no year has the period (or every such year's totals are zero). */
  index: number | null;
  /** The years averaged. */
  years: number;
}

export function seasonalIndex(totals: readonly PeriodTotal[], periods: readonly number[]): SeasonalIndex[] {
  // Year → period → total (a period given twice in a year counts once, summed).
  const byYear = new Map<number, Map<number, number>>();
  for (const { year, period, total } of totals) {
    const periodTotals = byYear.get(year) ?? new Map<number, number>();
    periodTotals.set(period, (periodTotals.get(period) ?? 0) + total);
    byYear.set(year, periodTotals);
  }
  const ratioSums = new Map<number, number>();
  const ratioYears = new Map<number, number>();
  for (const cells of byYear.values()) {
    let sum = 0;
    for (const total of cells.values()) sum += total;
    const yearMean = sum / cells.size;
    if (yearMean === 0) continue;
    for (const [period, total] of cells) {
      ratioSums.set(period, (ratioSums.get(period) ?? 0) + total / yearMean);
      ratioYears.set(period, (ratioYears.get(period) ?? 0) + 1);
    }
  }
  return periods.map((period) => {
    const years = ratioYears.get(period) ?? 0;
    return { period, index: years ? ratioSums.get(period)! / years : null, years };
  });
}

export const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
export const ISO_WEEKS = Array.from({ length: 53 }, (_, i) => i + 1);
/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = Array.from({ length: 7 }, (_, i) => i + 1);
