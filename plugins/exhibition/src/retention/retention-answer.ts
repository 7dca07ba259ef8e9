// The answer of GET /exhibitions/:id/retention, free of the platform's imports so the retention page reads it too.
import type { Tally } from './stand-outcomes.ts';

/** The groupings of churn: the departing stand's profile as materialised on `exhibitor_edition`. */
export const CHURN_DIMENSIONS = ['supply_chain', 'business_role', 'region', 'stand_size', 'paid_late'] as const;

export type ChurnDimension = (typeof CHURN_DIMENSIONS)[number];

/** A departing edition's exhibitors and whether they came to the next one, with the share that did not. */
export interface ChurnTally extends Tally { churnRate: number | null }

export interface EditionRef { id: string; name: string; season: string; year: number; status: string }

export interface EditionLine {
  edition: EditionRef;
  previous: { id: string; name: string } | null;
  exhibitors: number;
  returning: number;
  returningFromOlder: number;
  new: number;
  /** The previous edition's exhibitors and whether they came to this one (`notYet` while it sells). */
  fromPrevious: ChurnTally | null;
}

/** The departing exhibitors who share one value of a churn dimension (`label` is the option's label). */
export interface ChurnGroup extends ChurnTally { value: unknown; label: string | null }

/** One edition's retention; `Row` is a record as the reader's side types it. */
export interface EditionRetention<Row = Record<string, unknown>> extends EditionLine {
  /** By churn dimension; empty for an edition without a previous one. */
  churnBy: Record<string, ChurnGroup[]>;
  /** The previous edition's `exhibitor_edition` records that were lost or are not back yet. */
  lostExhibitors: Row[];
  /** Every edition of each season, year over year. */
  series: { season: string; editions: EditionLine[] }[];
}
