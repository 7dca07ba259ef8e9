import { invalidFilter, quoted } from './invalid-filter.ts';
import { msg } from '../core/messages/message.ts';
import type { ResolvedPath } from './query-scope.ts';

const PREFIX = '$user.';
/** `$today`, `$today+7`, `$today-1`: a day counted from today in the server's time zone. */
const DAY = /^\$today(?:([+-])(\d{1,4}))?$/;

export interface FilterValue {
  value: unknown;
  /** True when the value came from a `$user.<key>` variable. */
  fromVariable: boolean;
}

/**
 * The record a user acts for, the value of `$user.account`. It equals only fields that can point at a
 * record of its object (a lookup to that object, or that object's `id`); compared with anything else
 * it is unknown, so a link to a record of one object never matches ids of another.
 */
export class LinkedRecord {
  constructor(
    readonly object: string,
    readonly id: string,
  ) {}

  /** The id as a value of the field at `path`, or null when the field cannot name a record of the linked object. */
  valueFor(path: ResolvedPath | undefined): string | null {
    if (!path) return null;
    const { field, object } = path;
    if (field.type === 'lookup' && field.target === this.object) return this.id;
    if (field.name === 'id' && object.name === this.object) return this.id;
    return null;
  }
}

/** Stand-ins for every `$user.<key>` variable: a filter that a definition keeps (a role's scope) must compile for any user. */
export const SAMPLE_USER_VARIABLES: Readonly<Record<string, unknown>> = Object.freeze({ id: '0', department: '0', username: 'x', account: null });

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
 * (a workflow condition, say) such strings are ordinary text. A linked record (`$user.account`) becomes
 * its id where `path` can point at it, else null.
 */
export function filterVariable(value: unknown, variables: Readonly<Record<string, unknown>> | undefined, pointer: string, kind = 'text', path?: ResolvedPath): FilterValue {
  if (!variables || typeof value !== 'string') return { value, fromVariable: false };
  const day = value.startsWith('$today') ? dayVariable(value, kind) : null;
  if (day !== null) return { value: day, fromVariable: false };
  if (!value.startsWith(PREFIX)) return { value, fromVariable: false };
  const key = value.slice(PREFIX.length);
  if (!Object.hasOwn(variables, key)) throw invalidFilter(pointer, msg('query.unknownVariable', { name: quoted(value) }));
  const variable = variables[key];
  if (variable instanceof LinkedRecord) return { value: variable.valueFor(path), fromVariable: true };
  return { value: variable ?? null, fromVariable: true };
}
