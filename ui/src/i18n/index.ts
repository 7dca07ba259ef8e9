import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-cn';

export type Language = 'en' | 'zh-CN';
export const LANGUAGES: Language[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'tessera.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLanguage(),
  fallbackLocale: 'en',
  messages: { en, 'zh-CN': zhCN },
  datetimeFormats: {
    en: { short: { year: 'numeric', month: 'short', day: 'numeric' }, long: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } },
    'zh-CN': { short: { year: 'numeric', month: 'short', day: 'numeric' }, long: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } },
  },
});

document.documentElement.lang = i18n.global.locale.value;

export function currentLanguage(): Language {
  return i18n.global.locale.value as Language;
}

export function setLanguage(language: Language): void {
  i18n.global.locale.value = language;
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}
