import type { AggregateAnswer, Caller, RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import { everyPage } from '../../../../platform/src/plugins/plugin-api.ts';
import { CHURN_DIMENSIONS, type ChurnGroup, type ChurnTally, type EditionLine, type EditionRef, type EditionRetention } from './retention-answer.ts';
import { churnRate, count, emptyTally, type StandOutcome, type Tally } from './stand-outcomes.ts';

const ref = (e: RecordData): EditionRef => ({ id: String(e.id), name: String(e.name), season: String(e.season), year: Number(e.year), status: String(e.status ?? '') });
const withRate = (t: Tally): ChurnTally => ({ ...t, churnRate: churnRate(t) });

/** Counts per (first grouping, second grouping) of an answer whose measure is `count`. */
function counts(answer: AggregateAnswer, first: string, second: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const row of answer.rows) {
    const a = String(row[first]);
    out.set(a, (out.get(a) ?? new Map()).set(String(row[second]), Number(row.count ?? 0)));
  }
  return out;
}

function tallyOf(outcomes: Map<string, number> | undefined): Tally {
  const tally = emptyTally();
  for (const [outcome, n] of outcomes ?? []) count(tally, (outcome === 'null' ? null : outcome) as StandOutcome, n);
  return tally;
}

function line(edition: RecordData, byId: Map<string, RecordData>, statuses: Map<string, Map<string, number>>, outcomes: Map<string, Map<string, number>>): EditionLine {
  const id = String(edition.id);
  const at = statuses.get(id) ?? new Map<string, number>();
  const previous = edition.previous_edition ? byId.get(String(edition.previous_edition)) : undefined;
  const n = (status: string) => at.get(status) ?? 0;
  return {
    edition: ref(edition),
    previous: previous ? { id: String(previous.id), name: String(previous.name) } : null,
    exhibitors: n('returning') + n('returning_older') + n('new'),
    returning: n('returning'),
    returningFromOlder: n('returning_older'),
    new: n('new'),
    fromPrevious: previous ? withRate(tallyOf(outcomes.get(String(previous.id)))) : null,
  };
}

/**
 * Retention of one edition against the same season a year earlier, with churn by the departing
 * exhibitors' profile, the exhibitors not (yet) back, and the year-over-year series of every
 * edition of each season. Every figure is read through the caller: a stand outside their read
 * scope is neither counted nor listed, so a rep who sees only their own accounts gets their
 * accounts' retention.
 */
export async function editionRetention(editionId: string, caller: Caller): Promise<EditionRetention<RecordData>> {
  const edition = await caller.records.get('exhibition', editionId);
  const reads = caller.heavyReads;
  const editions: RecordData[] = [];
  for await (const page of everyPage(reads, 'exhibition', { fields: ['id', 'name', 'season', 'year', 'status', 'previous_edition'], sort: 'year' })) editions.push(...page.data);
  const byId = new Map(editions.map((e) => [String(e.id), e]));
  const measures = [{ fn: 'count' as const }];
  const [statusAnswer, outcomeAnswer] = await Promise.all([
    reads.aggregate('exhibitor_edition', { groupBy: [{ field: 'edition' }, { field: 'status' }], measures, limit: 10_000 }),
    reads.aggregate('exhibitor_edition', { groupBy: [{ field: 'edition' }, { field: 'outcome' }], measures, limit: 10_000 }),
  ]);
  const statuses = counts(statusAnswer, 'edition', 'status');
  const outcomes = counts(outcomeAnswer, 'edition', 'outcome');
  const current = line(edition, byId, statuses, outcomes);

  const previousId = current.previous?.id;
  const churnBy: Record<string, ChurnGroup[]> = {};
  const lostExhibitors: RecordData[] = [];
  if (previousId) {
    const answers = await Promise.all(CHURN_DIMENSIONS.map((field) => reads.aggregate('exhibitor_edition', {
      filter: { edition: previousId }, groupBy: [{ field }, { field: 'outcome' }], measures, limit: 10_000,
    })));
    CHURN_DIMENSIONS.forEach((field, i) => {
      const options = answers[i].columns.find((c) => c.key === field)?.options ?? {};
      const groups = new Map<string, { value: unknown; outcomes: Map<string, number> }>();
      for (const row of answers[i].rows) {
        const group = groups.get(String(row[field])) ?? { value: row[field] ?? null, outcomes: new Map<string, number>() };
        group.outcomes.set(String(row.outcome), Number(row.count ?? 0));
        groups.set(String(row[field]), group);
      }
      churnBy[field] = [...groups.values()].map(({ value, outcomes: o }) => {
        const label = value == null ? null : options[String(value)]?.[caller.lang] ?? null;
        return { value, label, ...withRate(tallyOf(o)) };
      }).sort((a, b) => String(a.value).localeCompare(String(b.value)));
    });
    const fields = ['id', 'title', 'exhibitor', 'outcome', 'supply_chain', 'business_role', 'region', 'stand_size', 'area', 'spend', 'paid_late', 'editions_before'];
    for await (const page of everyPage(reads, 'exhibitor_edition', { filter: { edition: previousId, outcome: { $in: ['lost', 'not_yet'] } }, fields, sort: 'title' })) lostExhibitors.push(...page.data);
  }

  const seasons = [...new Set(editions.map((e) => String(e.season)))];
  const series = seasons.map((season) => ({ season, editions: editions.filter((e) => e.season === season).map((e) => line(e, byId, statuses, outcomes)) }));
  return { ...current, churnBy, lostExhibitors, series };
}
