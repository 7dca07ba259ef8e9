import type { Language } from './message.ts';

/**
 * The first language of an Accept-Language header the platform speaks (by q-value, then order):
 * any `zh*` tag is zh-CN, any `en*` tag en; nothing usable gives undefined.
 */
export function languageFromHeader(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return undefined;
}

/** The language of an answer: the user's own setting, then the request's Accept-Language, then English. */
export function answerLanguage(userLanguage: Language | null | undefined, acceptLanguage: string | undefined): Language {
  return userLanguage ?? languageFromHeader(acceptLanguage) ?? 'en';
}
