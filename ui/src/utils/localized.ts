import type { Localized } from '@/api/types';

/** The text of a `{en, zh-CN}` label in a language, falling back to the other one, then to a name. */
export function localized(label: Localized | string | null | undefined, language: string, fallback = ''): string {
  if (!label) return fallback;
  if (typeof label === 'string') return label;
  const own = language === 'zh-CN' ? label['zh-CN'] : label.en;
  return own ?? label.en ?? label['zh-CN'] ?? fallback;
}

/** `annual_revenue` → `Annual revenue`: what a field without a label is called. */
export function humanize(name: string): string {
  const words = name.replace(/^_+/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
