import { invalidFilter, quoted } from './invalid-filter.ts';
import { msg } from '../core/messages/message.ts';

const PREFIX = '$user.';
/** `$today`, `$today+7`, `$today-1`: a day counted from today in the server's time zone. */
const DAY = /^\$today(?:([+-])(\d{1,4}))?$/;

export interface FilterValue {
  value: unknown;
  /** True when the value came from a `$user.<key>` variable. */
  fromVariable: boolean;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The day `$today[±n]` names: 'YYYY-MM-DD' for a date field, the start of that day with the server's
 * offset ('YYYY-MM-DDT00:00:00+08:00') for a date-time field; null when the text is no day variable.
 */
export function dayVariable(text: string, kind: string, now: Date = new Date()): string | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const offset = m[1] ? Number(m[2]) * (m[1] === '-' ? -1 : 1) : 0;
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  const date = `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`;
  if (kind !== 'datetime') return date;
  const minutes = -day.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  return `${date}T00:00:00${sign}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;
}

/**
 * Replaces a string that is exactly `$user.<key>` by the variable's value, and a day variable
 * (`$today`, `$today±n`) by that day in the form the field's `kind` compares with. Without variables
 * (a workflow condition, say) such strings are ordinary text.
 */
export function filterVariable(value: unknown, variables: Readonly<Record<string, unknown>> | undefined, pointer: string, kind = 'text'): FilterValue {
  if (!variables || typeof value !== 'string') return { value, fromVariable: false };
  const day = value.startsWith('$today') ? dayVariable(value, kind) : null;
  if (day !== null) return { value: day, fromVariable: false };
  if (!value.startsWith(PREFIX)) return { value, fromVariable: false };
  const key = value.slice(PREFIX.length);
  if (!Object.hasOwn(variables, key)) throw invalidFilter(pointer, msg('query.unknownVariable', { name: quoted(value) }));
  return { value: variables[key] ?? null, fromVariable: true };
}
