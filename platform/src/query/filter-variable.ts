import { invalidFilter, quoted } from './invalid-filter.ts';
import { msg } from '../core/messages/message.ts';

const PREFIX = '$user.';

export interface FilterValue {
  value: unknown;
  /** True when the value came from a `$user.<key>` variable. */
  fromVariable: boolean;
}

/**
 * Replaces a string that is exactly `$user.<key>` by the variable's value. Without variables
 * (a records API filter, say) such strings are ordinary text.
 */
export function filterVariable(value: unknown, variables: Readonly<Record<string, unknown>> | undefined, pointer: string): FilterValue {
  if (!variables || typeof value !== 'string' || !value.startsWith(PREFIX)) return { value, fromVariable: false };
  const key = value.slice(PREFIX.length);
  if (!Object.hasOwn(variables, key)) throw invalidFilter(pointer, msg('query.unknownVariable', { name: quoted(value) }));
  return { value: variables[key] ?? null, fromVariable: true };
}
