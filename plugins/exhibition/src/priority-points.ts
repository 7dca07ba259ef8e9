import type { AggregateAnswer, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';

/** 10 points per edition exhibited and 1 per ¥10,000 spent: loyalty first, then size. */
export function priorityPoints(editions: number, spend: number): number {
  return editions * 10 + Math.floor(spend / 10_000);
}

const firstMeasure = (answer: AggregateAnswer): number => {
  const key = answer.columns.find((c) => c.kind === 'measure')?.key;
  return key ? Number(answer.rows[0]?.[key] ?? 0) : 0;
};

/**
 * An exhibitor's record of exhibiting, kept on the account: the editions where it had a reserved or
 * sold booth, what it paid for its reservations, and the points that order the waiting lists.
 */
export async function refreshExhibitorRecord(exhibitor: string, system: SystemRecordService): Promise<void> {
  const editions = firstMeasure(await system.aggregate('booth_booking', {
    filter: { exhibitor, status: { $in: ['reserved', 'sold'] } },
    measures: [{ fn: 'count_distinct', field: 'booth.exhibition' }],
  }));
  const spend = firstMeasure(await system.aggregate('booth_reservation', { filter: { exhibitor }, measures: [{ fn: 'sum', field: 'amount_paid' }] }));
  const account = await system.get('account', exhibitor);
  const values = { editions_exhibited: editions, exhibition_spend: spend, priority_points: priorityPoints(editions, spend) };
  if (Object.entries(values).every(([k, v]) => account[k] === v)) return;
  await system.update('account', exhibitor, { _version: account._version, ...values });
}
