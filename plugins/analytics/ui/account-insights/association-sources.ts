import type { Localized } from '@tessera/ui';
import type { AnalysisDefinition } from '../../generated/analysis.ts';

/** An analysis as GET /api/analyses lists it: one the caller may run, with the caller's last run. */
export interface AnalysisListing {
  name: string;
  label: Localized | null;
  kind: AnalysisDefinition['kind'];
  object: string;
  lastRun: { id: string; status: string; startedAt: string | null; finishedAt: string | null } | null;
}

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
