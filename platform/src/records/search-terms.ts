/** Shortest and longest query global search accepts, in characters (code points). */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;

export interface SearchTerms {
  /** The query as matched: full-width forms folded (NFKC), trimmed, inner whitespace collapsed. */
  text: string;
  /** `%text%` with LIKE's wildcards and escape character escaped. */
  pattern: string;
  /** For a phone-like query (digits and + - ( ) . spaces), its digits alone; null otherwise. */
  digits: string | null;
  /** `%digits%`, or null. */
  digitsPattern: string | null;
}

const PHONE_LIKE = /^[\d\s+\-().]+$/;

/** `%`, `_` and `\` in user input match themselves, not any text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function searchLength(text: string): number {
  return [...text].length;
}

/** What a query string is matched as. Lower-casing is left to the database, which lowers the stored text too. */
export function searchTerms(query: string): SearchTerms {
  const text = query.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const digits = PHONE_LIKE.test(text) ? text.replace(/\D/g, '') : '';
  const phone = digits.length >= SEARCH_MIN_LENGTH ? digits : null;
  return { text, pattern: `%${escapeLike(text)}%`, digits: phone, digitsPattern: phone === null ? null : `%${phone}%` };
}
