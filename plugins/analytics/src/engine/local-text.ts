/** The languages Tessera speaks; every text the engines produce comes in both. */
export type Lang = 'en' | 'zh-CN';
export type LocalText = Readonly<Record<Lang, string>>;
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];
