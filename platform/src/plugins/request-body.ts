import { pluginError } from './plugin-api.ts';

const ID = /^[1-9][0-9]{0,18}$/;

const BODY_OBJECT = { en: 'The body must be an object.', 'zh-CN': '请求正文必须是对象。' };
const UNKNOWN_PROPERTY = { en: 'is not a known property', 'zh-CN': '不是已知属性' };
const MUST_BE_ID = { en: 'must be an id', 'zh-CN': '必须是 ID' };

/** Whether a value is a record id as the API writes it (a decimal string). */
export const isId = (value: unknown): value is string => typeof value === 'string' && ID.test(value);

/** A pack route's request body as an object with only the known properties (absent means empty); 400 otherwise, each stray property at its pointer. */
export function readBody(body: unknown, known: readonly string[]): Record<string, unknown> {
  const input = body ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) throw pluginError('BAD_REQUEST', BODY_OBJECT, [{ path: '', message: BODY_OBJECT }]);
  const unknown = Object.keys(input).filter((k) => !known.includes(k));
  if (unknown.length) throw pluginError('BAD_REQUEST', BODY_OBJECT, unknown.map((k) => ({ path: `/${k}`, message: UNKNOWN_PROPERTY })));
  return input as Record<string, unknown>;
}

/** An optional record id in a body read by `readBody`; 400 at its pointer when it is not one. */
export function readId(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!isId(value)) throw pluginError('BAD_REQUEST', BODY_OBJECT, [{ path: `/${key}`, message: MUST_BE_ID }]);
  return value;
}
