import type { Caller, MetadataView, RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import type { LocalText } from '../engine/index.ts';

/** One analysed record in a run's result: the customer, account, … with what the run found for it. */
export interface RecordResult {
  id: string;
  /** The record's title, when the starter may read it. */
  title: string | null;
  /** What the record was put in (segment, quadrant, flagged or not, cluster, predicted yes or no): compared between runs. */
  group: string;
  [detail: string]: unknown;
}

export interface RunInput {
  definition: AnalysisDefinition;
  /** The user who started the run (or saved a scheduled definition): every read goes through their permissions. */
  caller: Caller;
  meta: MetadataView;
  /** When the run started. */
  now: Date;
  /** The share of the reading and computing done so far, 0–1. */
  progress(share: number): Promise<unknown>;
  /** The groups of the records of this user's previous successful run of the analysis (id → group). */
  previousGroups(): Promise<Map<string, string>>;
  /** The earlier scorings of this analysis (classifier), for its track record. */
  earlierPredictions(): Promise<{ modelVersion: number; items: Prediction[] }[]>;
}

/** [record id, probability, outcome when scored: 1, 0, or null when unknown]. */
export type Prediction = [string, number, 0 | 1 | null];

/** What a kind computed; the run stores all of it in one transaction at the end. */
export interface Outcome {
  /** Source rows counted. */
  rows: number;
  /** The result without its long lists (kept in the run record). */
  summary: Record<string, unknown>;
  /** Long lists of the result (records, rules), stored in pieces; `records` are compared between runs. */
  lists: { records?: RecordResult[]; [name: string]: unknown[] | undefined };
  /** Values written to the analysed records, by id; only ids in `lists.records` are written. */
  writeBack?: { object: string; values: Map<string, RecordData> };
  /** A classifier's scoring: it gets the next model version, written to `versionField` with the values. */
  model?: { versionField?: string; predictions: Prediction[] };
  /** Records created for people (tasks), as the system. */
  created?: { object: string; values: RecordData }[];
  /** In-app notifications, sent once the run is stored. */
  notifications?: { userId: string; text: LocalText; about: { object: string; id: string } }[];
}

export interface AnalysisKind {
  /**
   * The cheapest query of the run, as the caller: it fails the way the run would (403 for an object
   * or field they may not read, 400 for a bad filter) before the run is queued.
   */
  probe(definition: AnalysisDefinition, caller: Caller, meta: MetadataView): Promise<void>;
  compute(input: RunInput): Promise<Outcome>;
}
