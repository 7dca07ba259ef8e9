import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { checkText } from './filter-value.ts';
import { invalidFilter } from './invalid-filter.ts';
import { phoneKey, withoutExtension } from './phone-key.ts';
import { msg } from '../core/messages/message.ts';

/** Numbers written without a country code are Chinese ones. */
const DEFAULT_COUNTRY = 'CN';

/** The phone key a `$phone` filter compares with, once libphonenumber-js agrees that the value could be a phone number. */
export function phoneFilterKey(value: unknown, pointer: string): string {
  const text = checkText(value, pointer);
  const key = phoneKey(text);
  const parsed = parsePhoneNumberFromString(withoutExtension(text), DEFAULT_COUNTRY);
  if (key === null || !parsed?.isPossible()) throw invalidFilter(pointer, msg('query.notPhone', { value: text.slice(0, 40) }));
  return key;
}
