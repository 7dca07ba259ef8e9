import { useI18n } from 'vue-i18n';
import { i18n } from '@/i18n';

type Messages = Record<string, unknown>;

/**
 * A pack page's own strings in both languages, merged under `packs.<pack>` once, and a `t` that
 * reads them: `const { t } = usePackMessages('reporting', { en: {...}, 'zh-CN': {...} }); t('title')`.
 */
export function usePackMessages(pack: string, messages: { en: Messages; 'zh-CN': Messages }) {
  for (const language of ['en', 'zh-CN'] as const) {
    i18n.global.mergeLocaleMessage(language, { packs: { [pack]: messages[language] } });
  }
  const { t, locale } = useI18n();
  return {
    locale,
    t: (key: string, params: Record<string, unknown> = {}) => t(`packs.${pack}.${key}`, params),
  };
}
