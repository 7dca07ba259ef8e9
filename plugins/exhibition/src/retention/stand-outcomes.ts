/**
 * Retention between editions, from stands (one exhibitor's reserved or sold booths at one edition).
 * Pure: the retention job materialises its answer as `exhibitor_edition` records, and the demo's
 * tests count the planted churn with it (docs/exhibition.md, "Retention and churn").
 */

export interface EditionInfo {
  id: string;
  season: string;
  year: number;
  /** The same season a year earlier. */
  previous: string | null;
  status: string;
  /** Orders editions in time (ISO date). */
  start: string;
}

export interface StandInfo {
  edition: string;
  exhibitor: string;
  area: number;
}

/** Where a stand's exhibitor came from: the previous edition of the season, an older edition, or nowhere. */
export type StandStatus = 'returning' | 'returning_older' | 'new';
/** Whether the exhibitor is at the next edition of the season: null while there is no next edition. */
export type StandOutcome = 'retained' | 'not_yet' | 'lost' | null;

export interface StandResult {
  status: StandStatus;
  outcome: StandOutcome;
  /** The model's target: known once the next edition's sale is over (running or closed). */
  lost: boolean | null;
  /** Editions of any season the exhibitor had a stand at before this one. */
  editionsBefore: number;
}

/** A sale is over once the edition runs: who has no stand by then is lost. */
export const SALE_OVER = new Set(['running', 'closed']);

export function standSize(area: number): 'one_booth_9m2' | 'medium' | 'large' {
  if (area <= 9) return 'one_booth_9m2';
  return area >= 36 ? 'large' : 'medium';
}

const key = (edition: string, exhibitor: string) => `${edition}\u0000${exhibitor}`;

/** Each stand's status at its edition and its outcome at the same season's next edition, in the order given. */
export function standOutcomes(editions: readonly EditionInfo[], stands: readonly StandInfo[]): StandResult[] {
  const byId = new Map(editions.map((e) => [e.id, e]));
  const next = new Map<string, EditionInfo>();
  for (const e of editions) if (e.previous) next.set(e.previous, e);
  const present = new Set(stands.map((s) => key(s.edition, s.exhibitor)));
  const startsOf = new Map<string, string[]>();
  for (const s of stands) {
    const start = byId.get(s.edition)?.start;
    if (start) startsOf.set(s.exhibitor, [...(startsOf.get(s.exhibitor) ?? []), start]);
  }
  return stands.map((s) => {
    const edition = byId.get(s.edition);
    const start = edition?.start ?? '';
    const editionsBefore = new Set((startsOf.get(s.exhibitor) ?? []).filter((d) => d < start)).size;
    const status: StandStatus = edition?.previous && present.has(key(edition.previous, s.exhibitor)) ? 'returning' : editionsBefore > 0 ? 'returning_older' : 'new';
    const after = next.get(s.edition);
    if (!after) return { status, outcome: null, lost: null, editionsBefore };
    if (present.has(key(after.id, s.exhibitor))) return { status, outcome: 'retained', lost: SALE_OVER.has(after.status) ? false : null, editionsBefore };
    const over = SALE_OVER.has(after.status);
    return { status, outcome: over ? 'lost' : 'not_yet', lost: over ? true : null, editionsBefore };
  });
}

export interface Tally { exhibitors: number; retained: number; lost: number; notYet: number }

export const emptyTally = (): Tally => ({ exhibitors: 0, retained: 0, lost: 0, notYet: 0 });

/** Adds one stand of a departing edition to a tally. */
export function count(tally: Tally, outcome: StandOutcome, n = 1): Tally {
  tally.exhibitors += n;
  if (outcome === 'retained') tally.retained += n;
  else if (outcome === 'lost') tally.lost += n;
  else if (outcome === 'not_yet') tally.notYet += n;
  return tally;
}

/** Share of a departing edition's exhibitors not at the next one (so far, while it sells); null for none. */
export const churnRate = (t: Tally): number | null => (t.exhibitors ? Math.round(((t.lost + t.notYet) / t.exhibitors) * 10_000) / 10_000 : null);
