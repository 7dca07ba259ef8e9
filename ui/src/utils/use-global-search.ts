import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { api } from '@/api/client';
import type { SearchAnswer, SearchGroup } from '@/api/types';
import { useMetaStore } from '@/stores/meta';
import { useLabels } from './use-labels';
import { errorLine } from './error-text';

/** The server's shortest query in characters (platform/src/records/search-terms.ts). */
export const SEARCH_MIN_LENGTH = 2;

export interface SearchResultRow {
  object: string;
  id: string;
  title: string;
  /** The matched field's label and value, when the match is not in the title. */
  matched: string | null;
}

export interface SearchResultGroup {
  object: string;
  label: string;
  rows: SearchResultRow[];
  more: boolean;
}

/**
 * Runs `GET /api/search` and labels its answer (object labels, the matched field's label) from the
 * definitions. An answer that arrives after a newer query was sent is dropped.
 */
export function useGlobalSearch() {
  const meta = useMetaStore();
  const { t } = useI18n();
  const labels = useLabels();
  const groups = ref<SearchResultGroup[]>([]);
  const loading = ref(false);
  const error = ref('');
  const searched = ref('');
  let sequence = 0;

  async function label(group: SearchGroup): Promise<SearchResultGroup> {
    const definition = await meta.definition(group.object);
    const summary = meta.objects.find((o) => o.name === group.object);
    const fields = new Map(definition.fields.map((f) => [f.name, f]));
    const titleField = summary?.titleField ?? definition.titleField;
    return {
      object: group.object,
      label: labels.objectLabel(summary ?? { name: group.object, label: definition.label }),
      more: group.more,
      rows: group.records.map((r) => ({
        object: group.object,
        id: r.id,
        title: r.title ?? t('search.untitled'),
        matched: r.field === titleField ? null : t('search.matchedIn', { field: labels.fieldLabel(fields.get(r.field) ?? r.field), value: r.value }),
      })),
    };
  }

  async function run(query: string, limit: number): Promise<void> {
    const q = query.trim();
    const mine = ++sequence;
    if ([...q].length < SEARCH_MIN_LENGTH) {
      groups.value = [];
      searched.value = '';
      loading.value = false;
      return;
    }
    loading.value = true;
    error.value = '';
    try {
      const answer = await api.get<SearchAnswer>('/search', { q, limit });
      const labelled = await Promise.all(answer.data.map(label));
      if (mine !== sequence) return;
      groups.value = labelled;
      searched.value = answer.query;
    } catch (e) {
      if (mine !== sequence) return;
      groups.value = [];
      error.value = errorLine(e);
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  return { groups, loading, error, searched, run };
}
