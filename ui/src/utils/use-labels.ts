import { useI18n } from 'vue-i18n';
import type { EnumOption, Field, Localized } from '@/api/types';
import { humanize, localized } from './localized';

export const SYSTEM_FIELDS = ['id', '_version', '_owner', '_department', '_state', '_created_at', '_created_by', '_updated_at'] as const;

/** Labels of objects, fields and enum options in the current language, from their metadata. */
export function useLabels() {
  const { locale, t, te } = useI18n();
  const text = (label: Localized | string | null | undefined, fallback: string) => localized(label, locale.value, fallback);
  const objectLabel = (o: { name: string; label?: Localized } | null | undefined) => (o ? text(o.label, humanize(o.name)) : '');
  const fieldLabel = (f: { name: string; label?: Localized } | string) => {
    const name = typeof f === 'string' ? f : f.name;
    if (name.startsWith('_') || name === 'id') return te(`system.${name}`) ? t(`system.${name}`) : humanize(name);
    return typeof f === 'string' ? humanize(f) : text(f.label, humanize(f.name));
  };
  const optionValue = (o: EnumOption) => (typeof o === 'string' ? o : o.value);
  const optionLabel = (field: Field, value: unknown) => {
    const option = field.options?.find((o) => optionValue(o) === value);
    if (!option || typeof option === 'string') return value === null || value === undefined ? '' : String(value);
    return text(option.label, option.value);
  };
  return { locale, text, objectLabel, fieldLabel, optionValue, optionLabel };
}
