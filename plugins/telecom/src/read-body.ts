import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import { T } from './texts.ts';

const ID = /^[1-9][0-9]{0,18}$/;

/** The request body as an object with only the known properties (absent means empty). */
export function readBody(body: unknown, known: readonly string[]): Record<string, unknown> {
  const input = body ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) throw pluginError('BAD_REQUEST', T.bodyObject, [{ path: '', message: T.bodyObject }]);
  const unknown = Object.keys(input).filter((k) => !known.includes(k));
  if (unknown.length) throw pluginError('BAD_REQUEST', T.bodyObject, unknown.map((k) => ({ path: `/${k}`, message: T.unknownProperty })));
  return input as Record<string, unknown>;
}

export function readId(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !ID.test(value)) throw pluginError('BAD_REQUEST', T.bodyObject, [{ path: `/${key}`, message: T.mustBeId }]);
  return value;
}

export function readIds(input: Record<string, unknown>, key: string): string[] | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.length || value.length > 1000 || !value.every((v) => typeof v === 'string' && ID.test(v))) {
    throw pluginError('BAD_REQUEST', T.bodyObject, [{ path: `/${key}`, message: T.mustBeIds }]);
  }
  return [...new Set(value as string[])];
}
