/**
 * Normalisation for duplicate detection. Each kind exists twice: as an IMMUTABLE SQL expression
 * (usable in an expression index and in the query that must hit it) and as a JavaScript twin that
 * gives the same answer. Both are built from the same character lists so they cannot drift.
 * The SQL never contains '?', which knex would take for a placeholder.
 */
import { phoneKey, phoneKeySql } from '../query/phone-key.ts';

/** 'phone' is the phone key of query/phone-key.ts, which the `$phone` filter operator compares too. */
export type NormalizeKind = 'exact' | 'text' | 'name' | 'phone' | 'email';

const WHITESPACE = ' \t\n\v\f\r\u00a0\u3000';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~' + '（）【】，。、·：；“”‘’《》「」『』！？…—～';
const COMPANY_SUFFIX = ' ((co|company) (ltd|limited)|ltd|limited|inc|llc|corp|corporation|co|company)|有限责任公司|股份有限公司|有限公司';

const hex = (ch: string) => ch.charCodeAt(0).toString(16).padStart(4, '0');
/** A bracket expression spelling every character as \uXXXX: the same text is valid in JavaScript and in PostgreSQL AREs. */
const charClass = (chars: string) => `[${[...chars].map((c) => `\\u${hex(c)}`).join('')}]`;

const SPACE_RUN = `${charClass(WHITESPACE)}+`;
const SEPARATOR_RUN = `${charClass(WHITESPACE + PUNCTUATION)}+`;
const SUFFIX_AT_END = `(${COMPANY_SUFFIX})$`;

const SPACE_RUN_JS = new RegExp(SPACE_RUN, 'g');
const SEPARATOR_RUN_JS = new RegExp(SEPARATOR_RUN, 'g');
const SUFFIX_AT_END_JS = new RegExp(SUFFIX_AT_END);

const emptyToNull = (value: string): string | null => (value === '' ? null : value);
const trimSpaces = (value: string) => value.replace(/^ +| +$/g, '');

/** An SQL expression normalising `columnSql`; empty results become NULL so blanks never count as duplicates. */
export function normalizeSql(kind: NormalizeKind, columnSql: string): string {
  switch (kind) {
    case 'exact':
      return columnSql;
    case 'text':
      return `NULLIF(lower(btrim(regexp_replace(${columnSql}, '${SPACE_RUN}', ' ', 'g'))), '')`;
    case 'email':
      return `NULLIF(lower(regexp_replace(${columnSql}, '${SPACE_RUN}', '', 'g')), '')`;
    case 'phone':
      return phoneKeySql(columnSql);
    case 'name': {
      const separated = `btrim(regexp_replace(lower(${columnSql}), '${SEPARATOR_RUN}', ' ', 'g'))`;
      return `NULLIF(replace(regexp_replace(${separated}, '${SUFFIX_AT_END}', ''), ' ', ''), '')`;
    }
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

/** The JavaScript twin of normalizeSql: the value the SQL expression computes for `value`. */
export function normalizeValue(kind: NormalizeKind, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'exact':
      return value;
    case 'text':
      return emptyToNull(trimSpaces(value.replace(SPACE_RUN_JS, ' ')).toLowerCase());
    case 'email':
      return emptyToNull(value.replace(SPACE_RUN_JS, '').toLowerCase());
    case 'phone':
      return phoneKey(value);
    case 'name': {
      const separated = trimSpaces(value.toLowerCase().replace(SEPARATOR_RUN_JS, ' '));
      return emptyToNull(separated.replace(SUFFIX_AT_END_JS, '').replace(/ /g, ''));
    }
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}
