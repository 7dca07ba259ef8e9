import { isId, pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import { T } from './texts.ts';

/** Optional ids in a body read by `readBody` (plugin-api): at most 50, duplicates dropped, none when absent. */
export function readIds(input: Record<string, unknown>, key: string): string[] {
  const value = input[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 50 || !value.every((v) => isId(v))) {
    throw pluginError('BAD_REQUEST', T.bodyObject, [{ path: `/${key}`, message: T.mustBeIds }]);
  }
  return [...new Set(value as string[])];
}
