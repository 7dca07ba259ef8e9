import type { AggregateQuery, Caller } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import { everyGroup } from '../read/every-group.ts';

/** Per customer, a GROUP BY of the source records as the caller: the customer lookup is the first grouping. */
export function customerGroups(caller: Caller, definition: AnalysisDefinition, query: Omit<AggregateQuery, 'limit' | 'sort'>) {
  return everyGroup(caller.heavyReads, definition.source.object, query, (key) => ({ [definition.source.customer!]: { $gte: key } }));
}

/** The probe of a per-customer query: its first statement, one group. */
export async function probeGroups(caller: Caller, object: string, query: Omit<AggregateQuery, 'limit' | 'sort'>): Promise<void> {
  await caller.records.aggregate(object, { ...query, limit: 1 });
}

/** The title of a lookup grouping's record in an aggregate row, when the caller may read it. */
export const groupTitle = (row: Record<string, unknown>, key: string): string | null => (row[`${key}__title`] == null ? null : String(row[`${key}__title`]));
