/**
 * The phone key: one text for every way of writing a number, so "+86 23 6967 5318", "023-69675318"
 * and "(023) 6967-5318 转 801" compare equal. It exists twice, as an IMMUTABLE SQL expression (for
 * expression indexes and the queries that must hit them) and as a JavaScript twin, both built from
 * the same patterns so they cannot drift. The SQL never contains '?', which knex would take for a
 * placeholder.
 *
 * Steps: fold full-width digits and '+'; cut an extension; keep digits and '+'; drop an international
 * prefix ('+' or '00'); a Chinese national number after '86' loses the '86' (and a '0' written after
 * it); a national number loses its trunk '0'. Other international numbers keep their country code.
 */
const FULL_WIDTH = '０１２３４５６７８９＋';
const HALF_WIDTH = '0123456789+';

const hex = (ch: string) => ch.charCodeAt(0).toString(16).padStart(4, '0');
/** Spells every non-ASCII character as \uXXXX: the same text is valid in JavaScript and in PostgreSQL AREs. */
const escaped = (text: string) => [...text].map((c) => (c.charCodeAt(0) > 0x7e ? `\\u${hex(c)}` : c)).join('');

/** Words and marks that start an extension; everything from the first of them on is cut. */
const EXTENSION_MARKS = ['ext', 'x', '转', '分机', '#', ';', ',', '＃', '；', '，'];
const EXTENSION_START = `(${EXTENSION_MARKS.map((m) => escaped(m)).join('|')})`;
const NOT_DIGIT_OR_PLUS = '[^0-9+]';
const INTERNATIONAL_PREFIX = '^([+]|00)';
const NOT_DIGIT = '[^0-9]';
/** A Chinese national significant number: a mobile, a Beijing landline (10 + 8 digits), or another area code and subscriber. */
const CHINESE_NATIONAL = '(1[3-9][0-9]{9}|10[0-9]{8}|[2-9][0-9]{8,10})';
const CHINA_CODE = `^860{0,1}${CHINESE_NATIONAL}$`;
const TRUNK_ZERO = '^0';

const literal = (text: string) => `'${text}'`;

/** An SQL expression computing the phone key of `valueSql`; NULL when no digits remain. */
export function phoneKeySql(valueSql: string): string {
  const folded = `translate(lower(${valueSql}), ${literal(FULL_WIDTH)}, ${literal(HALF_WIDTH)})`;
  const withoutExtension = `regexp_replace(${folded}, ${literal(`${EXTENSION_START}.*$`)}, '')`;
  const dialled = `regexp_replace(${withoutExtension}, ${literal(NOT_DIGIT_OR_PLUS)}, '', 'g')`;
  const digits = `regexp_replace(regexp_replace(${dialled}, ${literal(INTERNATIONAL_PREFIX)}, ''), ${literal(NOT_DIGIT)}, '', 'g')`;
  const national = `regexp_replace(regexp_replace(${digits}, ${literal(CHINA_CODE)}, '\\1'), ${literal(TRUNK_ZERO)}, '')`;
  return `NULLIF(${national}, '')`;
}

const EXTENSION_START_JS = new RegExp(`${EXTENSION_START}.*$`, 's');
const NOT_DIGIT_OR_PLUS_JS = new RegExp(NOT_DIGIT_OR_PLUS, 'g');
const INTERNATIONAL_PREFIX_JS = new RegExp(INTERNATIONAL_PREFIX);
const NOT_DIGIT_JS = new RegExp(NOT_DIGIT, 'g');
const CHINA_CODE_JS = new RegExp(CHINA_CODE);
const TRUNK_ZERO_JS = new RegExp(TRUNK_ZERO);

/** The number as dialled, without the extension that follows it. */
export function withoutExtension(value: string): string {
  return value.toLowerCase().replace(EXTENSION_START_JS, '');
}

/** The JavaScript twin of phoneKeySql: the key the SQL expression computes for `value`. */
export function phoneKey(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const folded = [...value.toLowerCase()].map((c) => (FULL_WIDTH.includes(c) ? HALF_WIDTH[FULL_WIDTH.indexOf(c)] : c)).join('');
  const dialled = withoutExtension(folded).replace(NOT_DIGIT_OR_PLUS_JS, '');
  const digits = dialled.replace(INTERNATIONAL_PREFIX_JS, '').replace(NOT_DIGIT_JS, '');
  const national = digits.replace(CHINA_CODE_JS, '$1').replace(TRUNK_ZERO_JS, '');
  return national === '' ? null : national;
}
