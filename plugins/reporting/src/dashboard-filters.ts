import type { DashboardDefinition } from '../generated/dashboard.ts';
import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';

export const PERIODS = ['today', 'this_week', 'this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_year', 'last_7_days', 'last_30_days', 'last_90_days'] as const;
export type Period = (typeof PERIODS)[number];

const day = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/** A named period or `YYYY-MM-DD..YYYY-MM-DD` (both days included) as a half-open range of days, in UTC. */
export function periodRange(value: string, now: Date, pointer: string): { from: string; before: string } {
  const custom = RANGE.exec(value);
  if (custom) {
    const [from, to] = [custom[1], custom[2]];
    if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || from > to) throw pluginError('BAD_REQUEST', { en: `'${value}' is not a range of days from the first to the last.`, 'zh-CN': `“${value}”不是从起始日到结束日的日期范围。` }, [{ path: pointer, message: { en: 'must be YYYY-MM-DD..YYYY-MM-DD with the first day not after the last', 'zh-CN': '必须是 YYYY-MM-DD..YYYY-MM-DD，且起始日不晚于结束日' } }]);
    const next = new Date(Date.parse(to) + 86_400_000);
    return { from, before: day(next) };
  }
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  const q = Math.floor(m / 3) * 3;
  const weekday = (now.getUTCDay() + 6) % 7; // Monday is the first day of the week
  const ranges: Record<Period, [Date, Date]> = {
    today: [utc(y, m, d), utc(y, m, d + 1)],
    this_week: [utc(y, m, d - weekday), utc(y, m, d - weekday + 7)],
    this_month: [utc(y, m, 1), utc(y, m + 1, 1)],
    last_month: [utc(y, m - 1, 1), utc(y, m, 1)],
    this_quarter: [utc(y, q, 1), utc(y, q + 3, 1)],
    last_quarter: [utc(y, q - 3, 1), utc(y, q, 1)],
    this_year: [utc(y, 0, 1), utc(y + 1, 0, 1)],
    last_year: [utc(y - 1, 0, 1), utc(y, 0, 1)],
    last_7_days: [utc(y, m, d - 6), utc(y, m, d + 1)],
    last_30_days: [utc(y, m, d - 29), utc(y, m, d + 1)],
    last_90_days: [utc(y, m, d - 89), utc(y, m, d + 1)],
  };
  const range = ranges[value as Period];
  if (!range) throw pluginError('BAD_REQUEST', { en: `'${value}' is not a period.`, 'zh-CN': `“${value}”不是有效的期间。` }, [{ path: pointer, message: { en: `must be one of ${PERIODS.join(', ')}, or YYYY-MM-DD..YYYY-MM-DD`, 'zh-CN': `必须是 ${PERIODS.join('、')} 之一，或 YYYY-MM-DD..YYYY-MM-DD` } }]);
  return { from: day(range[0]), before: day(range[1]) };
}

/**
 * A period as a condition on a field: a date field compares with days, a datetime field with the
 * instants those days start at (UTC midnight), as the filter language takes only full date-times there.
 */
export function periodCondition(field: string, fieldType: string, range: { from: string; before: string }): Record<string, unknown> {
  if (fieldType === 'datetime') return { [field]: { $gte: `${range.from}T00:00:00.000Z`, $lt: `${range.before}T00:00:00.000Z` } };
  return { [field]: { $gte: range.from, $lt: range.before } };
}

/**
 * The dashboard-wide filters the user chose, as one condition per report object: each filter applies
 * to reports whose object has its field (or the field named for that object), and is ignored elsewhere.
 * `fieldType` gives the type of the value a path names (a formula's result type), or undefined when it names none.
 */
export function dashboardCondition(dashboard: DashboardDefinition, chosen: Record<string, string>, object: string, fieldType: (object: string, path: string) => string | undefined, now: Date): unknown {
  const parts: unknown[] = [];
  for (const filter of dashboard.filters ?? []) {
    const value = chosen[filter.name];
    if (value === undefined || value === '') continue;
    const field = filter.fields?.[object] ?? filter.field;
    const type = fieldType(object, field);
    if (type === undefined) continue;
    if (filter.kind === 'period') {
      parts.push(periodCondition(field, type, periodRange(value, now, `/${filter.name}`)));
    } else {
      parts.push({ [field]: { $eq: value } });
    }
  }
  if (!parts.length) return undefined;
  return parts.length === 1 ? parts[0] : { $and: parts };
}

/** The filter values of a request: known filter names only. */
export function chosenFilters(dashboard: DashboardDefinition, query: Record<string, unknown>): Record<string, string> {
  const chosen: Record<string, string> = {};
  for (const filter of dashboard.filters ?? []) {
    const value = query[filter.name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > 200) throw pluginError('BAD_REQUEST', { en: `The filter '${filter.name}' takes one value.`, 'zh-CN': `筛选条件“${filter.name}”只能取一个值。` }, [{ path: `/${filter.name}`, message: { en: 'must be one value', 'zh-CN': '只能是一个值' } }]);
    if (filter.options?.length && filter.kind === 'value' && value !== '' && !filter.options.includes(value)) {
      throw pluginError('BAD_REQUEST', { en: `'${value}' is not an option of the filter '${filter.name}'.`, 'zh-CN': `“${value}”不是筛选条件“${filter.name}”的选项。` }, [{ path: `/${filter.name}`, message: { en: `must be one of ${filter.options.join(', ')}`, 'zh-CN': `必须是 ${filter.options.join('、')} 之一` } }]);
    }
    chosen[filter.name] = value;
  }
  return chosen;
}
