// Numbers, dates and names of a run's result in the user's language, shared by the run page and its
// result views.
import { computed } from 'vue';
import { useRouter } from 'vue-router';
import { useLabels, usePackMessages } from '@tessera/ui';
import type { DrillLink } from './drill-links.ts';
import { RUN_MESSAGES } from './run-messages.ts';
import type { AnalysisKindName, Localized, RecordResult } from './run-result.ts';

export function useRunFormat() {
  const { t, locale } = usePackMessages('analyticsRun', RUN_MESSAGES);
  const { text } = useLabels();
  const router = useRouter();
  const formats = computed(() => ({
    number: new Intl.NumberFormat(locale.value, { maximumFractionDigits: 2 }),
    whole: new Intl.NumberFormat(locale.value, { maximumFractionDigits: 0 }),
    compact: new Intl.NumberFormat(locale.value, { notation: 'compact', maximumFractionDigits: 1 }),
    percent: new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 }),
    ratio: new Intl.NumberFormat(locale.value, { minimumFractionDigits: 2, maximumFractionDigits: 3 }),
    day: new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: 'UTC' }),
    moment: new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }),
  }));
  const blankOr = (value: number | null | undefined, format: (v: number) => string) => (value === null || value === undefined || !Number.isFinite(value) ? '—' : format(value));

  return {
    t,
    locale,
    /** A count or amount (up to two decimals). */
    num: (value: number | null | undefined) => blankOr(value, (v) => formats.value.number.format(v)),
    whole: (value: number | null | undefined) => blankOr(value, (v) => formats.value.whole.format(v)),
    /** A large amount in few characters (axis labels). */
    compact: (value: number | null | undefined) => blankOr(value, (v) => formats.value.compact.format(v)),
    /** A fraction as a percent (0.25 → 25 %). */
    pct: (value: number | null | undefined) => blankOr(value, (v) => formats.value.percent.format(v)),
    /** A ratio such as a lift, a silhouette or an index. */
    ratio: (value: number | null | undefined) => blankOr(value, (v) => formats.value.ratio.format(v)),
    /** A day (`YYYY-MM-DD`). */
    day: (value: string | null | undefined) => (value ? formats.value.day.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : '—'),
    moment: (value: string | null | undefined) => (value ? formats.value.moment.format(new Date(value)) : '—'),
    local: (label: Localized | null | undefined, fallback: string) => text(label, fallback),
    /** `Label: value`, with the colon of the user's language. */
    pair: (label: string, value: string) => `${label}${locale.value === 'zh-CN' ? '：' : ': '}${value}`,
    /** A record's title as the starter read it ("no access" when they could not). */
    title: (record: { title: string | null }) => record.title ?? t('noAccess'),
    /** The name of a record's group in a kind's words. */
    groupName(kind: AnalysisKindName, group: string, segments?: { key: string; label: Localized }[]): string {
      if (kind === 'rfm') return text(segments?.find((s) => s.key === group)?.label, group);
      if (kind === 'value_matrix') return t(`vm.names.${group}`);
      if (kind === 'churn_warning') return t(`cw.groups.${group}`);
      if (kind === 'kmeans') return t('km.cluster', { n: group });
      if (kind === 'classifier') return group === 'yes' ? t('yes') : t('no');
      return group;
    },
    /** Opens the records behind a part of the result (nothing for a part that has no link). */
    open(link: DrillLink | null) {
      if (link) void router.push(link);
    },
  };
}

export type RunFormat = ReturnType<typeof useRunFormat>;

/** Records as table rows, with the title read. */
export const recordsIn = (records: readonly RecordResult[] | undefined, group: string) => (records ?? []).filter((r) => r.group === group);
