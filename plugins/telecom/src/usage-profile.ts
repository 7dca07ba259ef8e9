/** One month of a subscriber's usage, as `usage_summary` holds it (`month` is the month's first day). */
export interface UsageMonth {
  month: string;
  minutes: number;
  amount: number | null;
}

/** The churn profile's usage fields of a subscriber. */
export interface UsageProfile {
  /** Minutes of the last 3 months against the 9 before, as a change (-0.6 is a fall of 60 %); null with fewer than 3 months before. */
  usage_trend: number | null;
  /** The mean monthly bill of the 12 months; null without usage. */
  monthly_spend: number | null;
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const mean = (values: readonly number[]) => values.reduce((n, x) => n + x, 0) / Math.max(1, values.length);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * A subscriber's usage trend and monthly spend over the 12 months up to their own latest month of
 * usage: November 2026 for everyone still using the network in the demo, the month before leaving for
 * a subscriber who left (so the trend is the fall before they went, what the churn model learns from).
 * The demo's generator writes its subscribers with this function, and the pack keeps them with it.
 */
export function usageProfile(rows: readonly UsageMonth[]): UsageProfile {
  if (!rows.length) return { usage_trend: null, monthly_spend: null };
  const sorted = [...rows].sort((a, b) => a.month.localeCompare(b.month));
  const latest = monthIndex(sorted[sorted.length - 1].month);
  const year = sorted.filter((r) => monthIndex(r.month) > latest - 12);
  const recent = year.filter((r) => monthIndex(r.month) > latest - 3).map((r) => r.minutes);
  const before = year.filter((r) => monthIndex(r.month) <= latest - 3).map((r) => r.minutes);
  const bills = year.filter((r) => r.amount !== null).map((r) => Number(r.amount));
  return {
    usage_trend: before.length >= 3 ? round(mean(recent) / Math.max(1, mean(before)) - 1, 3) : null,
    monthly_spend: bills.length ? round(mean(bills), 2) : null,
  };
}
