import type { RecordData } from '../../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../../platform/src/plugins/plugin-api.ts';
import { numberOf, readableTitle, rounded } from '../analysis-fields.ts';
import { everyRow } from '../read/every-row.ts';
import { runTraining } from '../training/training-pool.ts';
import type { KmeansModel } from '../training/train-clusters.ts';
import type { AnalysisKind, RecordResult } from './analysis-kind.ts';
import { mapInTurns } from './map-in-turns.ts';

/**
 * Segmentation by k-means (R23) on standardised numeric fields, in a worker thread: with kRange, the
 * k with the best silhouette on a sample wins. Clusters are numbered from 1 by size, largest first.
 */
export const kmeans: AnalysisKind = {
  async probe(definition, caller) {
    const { object, filter } = definition.source;
    await caller.records.list(object, { ...(filter ? { filter } : {}), fields: definition.features!, limit: 1 });
  },

  async compute({ definition, caller, meta, progress }) {
    const { object, filter } = definition.source;
    const features = definition.features!;
    const params = definition.params ?? {};
    const title = await readableTitle(caller, meta, object);
    const rows = await everyRow(caller.heavyReads, object, { filter, fields: [...new Set([...features, ...(title ? [title] : [])])] }, (share) => progress(share * 0.4));
    const largest = params.kRange?.[1] ?? params.k!;
    if (rows.length < largest) {
      throw pluginError('BAD_REQUEST', { en: `${rows.length} records cannot make ${largest} clusters.`, 'zh-CN': `${rows.length} 条记录无法聚成 ${largest} 类。` });
    }
    const columns: Float64Array[] = [];
    for (const name of features) columns.push(Float64Array.from(await mapInTurns(rows, (row) => numberOf(row[name]) ?? NaN)));
    const model = (await runTraining({
      kind: 'kmeans', columns,
      options: {
        ...(params.kRange ? { kRange: [params.kRange[0], params.kRange[1]] as [number, number] } : { k: params.k! }),
        seed: params.seed ?? 1,
        ...(params.silhouetteSample ? { silhouetteSample: params.silhouetteSample } : {}),
        ...(params.maxIterations ? { maxIterations: params.maxIterations } : {}),
      },
    }, (share) => void progress(0.4 + share * 0.55))) as KmeansModel;

    const records: RecordResult[] = await mapInTurns(rows, (row, i) => ({ id: String(row.id), title: title && row[title] != null ? String(row[title]) : null, group: String(model.labels[i] + 1), cluster: model.labels[i] + 1 }));
    const fields = new Map((meta.object(object)?.fields ?? []).map((f) => [f.name, f]));
    const clusterField = definition.writeBack?.cluster;
    const asText = clusterField !== undefined && fields.get(clusterField)?.type === 'text';
    return {
      rows: rows.length,
      summary: {
        k: model.k, silhouette: rounded(model.silhouette), candidates: model.candidates.map((c) => ({ k: c.k, silhouette: rounded(c.silhouette) })),
        features: features.map((name) => ({ name, label: fields.get(name)?.label ?? { en: name } })),
        profiles: model.profiles.map((p) => ({
          cluster: p.cluster + 1, size: p.size,
          means: Object.fromEntries(features.map((name, f) => [name, p.means[f] === null ? null : rounded(p.means[f]!, 2)])),
          centroid: p.centroid.map((z) => rounded(z, 3)),
        })),
      },
      lists: { records },
      ...(clusterField ? { writeBack: { object, values: new Map<string, RecordData>(records.map((r) => [r.id, { [clusterField]: asText ? r.group : r.cluster }])) } } : {}),
    };
  },
};
