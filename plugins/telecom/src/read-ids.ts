import { isId, pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import { T } from './texts.ts';

/** Ids in a body read by `readBody` (plugin-api): 1 to 1,000, duplicates dropped; undefined when absent. */
export function readIds(input: Record<string, unknown>, key: string): string[] | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.length || value.length > 1000 || !value.every((v) => isId(v))) {
    throw pluginError('BAD_REQUEST', T.bodyObject, [{ path: `/${key}`, message: T.mustBeIds }]);
  }
  return [...new Set(value as string[])];
}
