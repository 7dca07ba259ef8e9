// Where a chart point, cell, bar or table row of a run leads: the record list of the records behind
// it (`/o/<object>?filter=<filter language>`), or one record's page. When the analysis writes its
// results back onto the records, the list filters on that field; otherwise on the ids the run's
// result names.
import type { AnalysisDefinitionView, RecordResult } from './run-result.ts';

export interface DrillLink {
  path: string;
  query?: { filter: string };
}

type Filter = Record<string, unknown>;

/** The most ids a list address carries (the filter language takes 1,000; the address stays short). */
export const MAX_IDS = 500;

export const recordLink = (object: string, id: string): DrillLink => ({ path: `/o/${object}/${encodeURIComponent(id)}` });

export const filterLink = (object: string, filter: Filter): DrillLink => ({ path: `/o/${object}`, query: { filter: JSON.stringify(filter) } });

/** One id opens its record; more open the list of them; none, or more than MAX_IDS, lead nowhere. */
export function idsLink(object: string, ids: readonly string[]): DrillLink | null {
  if (ids.length === 0 || ids.length > MAX_IDS) return null;
  if (ids.length === 1) return recordLink(object, ids[0]);
  return filterLink(object, { id: { $in: [...ids] } });
}

const both = (first: Filter | undefined, second: Filter): Filter => (first && Object.keys(first).length ? { $and: [first, second] } : second);

/** Half-open day ranges [from, to) of a date field. */
export type DayRange = [from: string, to: string];

export interface DrillContext {
  definition: AnalysisDefinitionView;
  /** The object the run's records are: the customer a lookup of the source names, or the source object itself. */
  recordObject: string;
  records: readonly RecordResult[];
  /** The type of a field of recordObject, when known (a cluster written to a text field is text). */
  fieldType?: (name: string) => string | undefined;
}

/** The write-back field holding each kind's group, and how a group's value is written there. */
function groupCondition(context: DrillContext, group: string): Filter | null {
  const { kind, writeBack = {}, params = {} } = context.definition;
  switch (kind) {
    case 'rfm':
      return writeBack.segment ? { [writeBack.segment]: { $eq: group } } : null;
    case 'value_matrix':
      return writeBack.quadrant ? { [writeBack.quadrant]: { $eq: group } } : null;
    case 'churn_warning':
      // The flag is yes or no: steady and not judged customers are both no (as are those without orders).
      return writeBack.flag && group === 'flagged' ? { [writeBack.flag]: { $eq: true } } : null;
    case 'kmeans': {
      const field = writeBack.cluster;
      if (!field) return null;
      return { [field]: { $eq: context.fieldType?.(field) === 'text' ? group : Number(group) } };
    }
    case 'classifier': {
      const field = writeBack.probability;
      const threshold = typeof params.threshold === 'number' ? params.threshold : 0.5;
      return field ? { [field]: group === 'yes' ? { $gte: threshold } : { $lt: threshold } } : null;
    }
    default:
      return null;
  }
}

/** The source filter applies when the listed records are the source's own (not customers of its rows). */
function scoped(context: DrillContext, condition: Filter): Filter {
  const { source } = context.definition;
  return context.recordObject === source.object ? both(source.filter, condition) : condition;
}

/** Links of one run: each names the records behind a part of its result. */
export function drillLinks(context: DrillContext) {
  const { definition, recordObject, records } = context;
  const { source, writeBack = {} } = definition;
  const idsWhere = (keep: (record: RecordResult) => boolean) => idsLink(recordObject, records.filter(keep).map((r) => r.id));

  return {
    record: (id: string) => recordLink(recordObject, id),

    /** A segment, quadrant, flag, cluster or prediction. */
    group(group: string): DrillLink | null {
      const condition = groupCondition(context, group);
      return condition ? filterLink(recordObject, scoped(context, condition)) : idsWhere((r) => r.group === group);
    },

    /** A cell of the RFM grid: its recency and frequency scores lead the written scores (`545`). */
    rfmCell(r: number, f: number, bins: number): DrillLink | null {
      if (writeBack.scores && bins < 10) return filterLink(recordObject, { [writeBack.scores]: { $startsWith: `${r}${f}` } });
      return idsWhere((record) => record.r === r && record.f === f);
    },

    /**
     * A cell of a classifier's confusion matrix at a threshold: the scored records with a known
     * outcome (actual) whose probability is on that side of it (predicted).
     */
    classifierCell(actual: boolean, predicted: boolean, threshold: number): DrillLink | null {
      const field = writeBack.probability;
      const target = definition.target;
      if (field && target) {
        const positive = definition.positive ?? true;
        const outcome = actual ? { $eq: positive } : { $ne: positive, $null: false };
        return filterLink(recordObject, scoped(context, { [field]: predicted ? { $gte: threshold } : { $lt: threshold }, [target]: outcome }));
      }
      return idsWhere((r) => r.outcome === (actual ? 1 : 0) && typeof r.probability === 'number' && r.probability >= threshold === predicted);
    },

    /** The records a run's list picks out (a rule's records, a cluster's members, …), by id. */
    where: idsWhere,

    /** The source records of some items (an association rule's products). */
    items(ids: readonly string[]): DrillLink | null {
      if (!source.item || ids.length === 0) return null;
      return filterLink(source.object, both(source.filter, { [source.item]: { $in: [...ids] } }));
    },

    /** The source records dated in some day ranges, of one segment value when given. */
    dated(ranges: readonly DayRange[], segment?: { value: unknown }): DrillLink | null {
      if (!source.date || ranges.length === 0) return null;
      const within = ranges.map(([from, to]) => ({ [source.date!]: { $gte: from, $lt: to } }));
      const when: Filter = within.length === 1 ? within[0] : { $or: within };
      const condition = segment && source.segment
        ? { $and: [when, { [source.segment]: segment.value === null ? { $null: true } : { $eq: segment.value } }] }
        : when;
      return filterLink(source.object, both(source.filter, condition));
    },

    /**
     * The source records dated on some days (a weekday in every week of the data), of one segment value
     * when given. Only a date field is matched by its days; a date-time field would need a range per day.
     */
    datedOn(days: readonly string[], segment?: { value: unknown }): DrillLink | null {
      if (!source.date || days.length === 0 || days.length > MAX_IDS || context.fieldType?.(source.date) !== 'date') return null;
      const on = { [source.date]: { $in: [...days] } };
      const condition = segment && source.segment ? { $and: [on, { [source.segment]: segment.value === null ? { $null: true } : { $eq: segment.value } }] } : on;
      return filterLink(source.object, both(source.filter, condition));
    },
  };
}

/** Every day that is ISO weekday `weekday` (1 = Monday … 7 = Sunday) in the months `from` to `to` (`YYYY-MM`). */
export function weekdayDays(from: string, to: string, weekday: number): string[] {
  const days: string[] = [];
  const end = Date.parse(nextMonth(to));
  for (let time = Date.parse(`${from}-01`); time < end; time += 86_400_000) {
    if ((new Date(time).getUTCDay() || 7) === weekday) days.push(isoDay(time));
  }
  return days;
}

export type DrillLinks = ReturnType<typeof drillLinks>;

/** The first day of the month after a `YYYY-MM` month. */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
}

/** A `YYYY-MM` month as a day range. */
export const monthRange = (month: string): DayRange => [`${month}-01`, nextMonth(month)];

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The days of an ISO week (Monday to Sunday) as a day range; null when the year has no such week. */
export function isoWeekRange(year: number, week: number): DayRange | null {
  const fourth = Date.UTC(year, 0, 4);
  const weekday = new Date(fourth).getUTCDay() || 7;
  const monday = fourth - (weekday - 1) * 86_400_000 + (week - 1) * 7 * 86_400_000;
  // The Thursday of an ISO week decides its year.
  if (week < 1 || new Date(monday + 3 * 86_400_000).getUTCFullYear() !== year) return null;
  return [isoDay(monday), isoDay(monday + 7 * 86_400_000)];
}
