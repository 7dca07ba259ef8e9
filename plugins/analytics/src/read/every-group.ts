import type { AggregateQuery, RecordReader } from '../../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../../platform/src/plugins/plugin-api.ts';
import { andFilters } from './and-filters.ts';

/** Groups per statement: the records API's largest aggregate. */
const GROUPS_PER_PAGE = 10_000;

/**
 * Every group of a GROUP BY as `records` sees it (rows outside its scope are not counted, a field it
 * may not read is refused with 403), however many: the groups come sorted by the first grouping,
 * and when a statement is cut off at the limit, the next one starts at the last key it reached
 * (`from(key)` is the filter "first grouping ≥ key"), dropping that key's rows from the first.
 */
export async function everyGroup(
  records: RecordReader,
  object: string,
  query: Omit<AggregateQuery, 'limit' | 'sort'>,
  from: (key: unknown) => unknown,
): Promise<Record<string, unknown>[]> {
  const groups: Record<string, unknown>[] = [];
  let continueFrom: unknown;
  let first = true;
  for (;;) {
    const filter = first ? query.filter : andFilters(query.filter, from(continueFrom));
    const answer = await records.aggregate(object, { ...query, ...(filter === undefined ? {} : { filter }), limit: GROUPS_PER_PAGE });
    const key = answer.columns.find((c) => c.kind === 'group')!.key;
    if (!answer.truncated) {
      groups.push(...answer.rows);
      return groups;
    }
    const last = answer.rows[answer.rows.length - 1][key];
    const complete = answer.rows.filter((row) => row[key] !== last);
    if (!complete.length) {
      throw pluginError('BAD_REQUEST', {
        en: `More than ${GROUPS_PER_PAGE} groups share one value of the first grouping; narrow the analysis with a filter.`,
        'zh-CN': `第一个分组的同一取值下有超过 ${GROUPS_PER_PAGE} 个分组；请用筛选条件缩小分析范围。`,
      });
    }
    groups.push(...complete);
    continueFrom = last;
    first = false;
  }
}
