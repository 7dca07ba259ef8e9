import type { Localized } from '@tessera/ui';
import type { AnalysisDefinition } from '../../generated/analysis.ts';
import type { AnalysisRunView, AnalysisSummary } from '../analysis-types.ts';

/** What the panel reads of an entry of GET /api/analyses: an analysis the caller may run, with the caller's last run. */
export type AnalysisListing = Pick<AnalysisSummary, 'name' | 'label' | 'kind' | 'object'> & {
  lastRun: Pick<AnalysisRunView, 'id' | 'status' | 'startedAt' | 'finishedAt'> | null;
};

/** An association analysis that recommends items to the customers of the panel's object. */
export interface AssociationSource {
  name: string;
  label: Localized | null;
  /** The object of the recommended items (a recommended item links to its record). */
  itemObject: string;
  lastRunAt: string | null;
}

/**
 * The association analyses the caller may run whose customers are records of `object`: those the caller
 * ran most recently first (their last run is what recommends), then the others by name.
 */
export function associationSources(object: string, listings: readonly AnalysisListing[], definitions: readonly AnalysisDefinition[], targetOf: (object: string, field: string) => string | undefined): AssociationSource[] {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const sources: AssociationSource[] = [];
  for (const listing of listings) {
    const definition = byName.get(listing.name);
    if (listing.kind !== 'association' || !definition?.source.customer || !definition.source.item) continue;
    if (targetOf(definition.source.object, definition.source.customer) !== object) continue;
    const itemObject = targetOf(definition.source.object, definition.source.item);
    if (!itemObject) continue;
    sources.push({ name: listing.name, label: listing.label, itemObject, lastRunAt: listing.lastRun?.startedAt ?? null });
  }
  return sources.sort((a, b) => (b.lastRunAt ?? '').localeCompare(a.lastRunAt ?? '') || a.name.localeCompare(b.name));
}
