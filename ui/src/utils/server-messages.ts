import { i18n } from '@/i18n';

type Pattern = [RegExp, string, (match: RegExpExecArray) => Record<string, string>];

const none = () => ({});
const n = (m: RegExpExecArray) => ({ n: m[1] });
const d = (m: RegExpExecArray) => ({ d: m[1] });

// The record service's sentences about one value (platform/src/records/field-values.ts and
// prepare-values.ts), "<field> <problem>", matched to the same checks the form makes itself.
const PATTERNS: Pattern[] = [
  [/ is required$/, 'validation.required', none],
  [/ must be at least (\S+) characters$/, 'validation.minLength', n],
  [/ must be at most (\S+) characters$/, 'validation.maxLength', n],
  [/ must be at least (-?[\d.]+(?: %)?)$/, 'validation.min', n],
  [/ must be at most (-?[\d.]+(?: %)?)$/, 'validation.max', n],
  [/ must be on or after (\S+)$/, 'validation.after', d],
  [/ must be on or before (\S+)$/, 'validation.before', d],
  [/ must be an email address$/, 'validation.email', none],
  [/ must be a phone number$/, 'validation.phone', none],
  [/ must be (a web address such as \S+|an http or https address)$/, 'validation.url', none],
  [/ must be a number$/, 'validation.number', none],
  [/ must be a whole number$/, 'validation.integer', none],
  [/ does not have the expected format$/, 'validation.pattern', none],
  [/ allows at most (\d+) selections$/, 'validation.maxSelections', n],
  [/ must be one of: /, 'validation.oneOf', none],
  [/ must be a date written YYYY-MM-DD$/, 'validation.date', none],
  [/ must be a date and time in ISO 8601$/, 'validation.datetime', none],
  [/ must be the id of a record$/, 'validation.lookup', none],
  [/ must be JSON$/, 'validation.json', none],
];

/** The server's sentence about a value in the user's language when it is one the form knows; otherwise as it came. */
export function localizeDetail(message: string): string {
  for (const [pattern, key, params] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return i18n.global.t(key, params(match));
  }
  return message;
}
