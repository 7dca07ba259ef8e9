import { detail, type ErrorDetail } from '../core/errors.ts';
import { isId } from '../core/identifiers.ts';
import type { FieldInfo } from '../core/snapshot-types.ts';
import { hasUnstorable, isStorableText } from '../query/filter-value.ts';
import { msg, type Message } from '../core/messages/message.ts';
import { nameLabel } from '../core/messages/kind-labels.ts';

/** The result of checking one client-supplied value: the value to store, or why it was refused. */
export type Checked = { ok: true; value: unknown } | { ok: false; message: Message };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE = /^\+?[0-9()\-.\s]{3,40}$/;
/** The longest text a field of the type takes when its definition sets no `maxLength`. */
export const DEFAULT_MAX_LENGTH: Partial<Record<FieldInfo['type'], number>> = {
  text: 1000, email: 320, phone: 40, url: 2000, textarea: 100_000, enum: 200,
};
const MAX_JSON_BYTES = 100_000;

const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (message: Message): Checked => ({ ok: false, message });

export function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function checkText(field: FieldInfo, value: unknown): Checked {
  if (typeof value !== 'string') return bad(msg('value.mustBeText'));
  if (!isStorableText(value)) return bad(msg('value.unstorableCharacter'));
  const def = field.definition;
  const max = def?.maxLength ?? DEFAULT_MAX_LENGTH[field.type] ?? 1000;
  if ([...value].length > max) return bad(msg('value.maxLength', { max }));
  if (def?.minLength !== undefined && [...value].length < def.minLength) return bad(msg('value.minLength', { min: def.minLength }));
  if (def?.pattern && !new RegExp(def.pattern, 'u').test(value)) return bad(msg('value.pattern'));
  return ok(value);
}

function checkNumber(field: FieldInfo, value: unknown): Checked {
  if (typeof value !== 'number' || !Number.isFinite(value)) return bad(msg('value.number'));
  if (field.type === 'integer' && !Number.isSafeInteger(value)) return bad(msg('value.integer'));
  const def = field.definition;
  const min = def?.min === undefined ? undefined : Number(def.min);
  const max = def?.max === undefined ? undefined : Number(def.max);
  if (min !== undefined && value < min) return bad(msg('value.min', { min }));
  if (max !== undefined && value > max) return bad(msg('value.max', { max }));
  if (Math.abs(value) >= 1e15) return bad(msg('value.tooLarge'));
  if (field.type === 'currency') {
    const factor = 10 ** (def?.scale ?? 2);
    return ok(Math.round(value * factor) / factor);
  }
  return ok(value);
}

function checkDate(field: FieldInfo, value: unknown): Checked {
  if (typeof value !== 'string' || !isValidDate(value)) return bad(msg('value.date'));
  const def = field.definition;
  if (typeof def?.min === 'string' && value < def.min) return bad(msg('value.after', { date: def.min }));
  if (typeof def?.max === 'string' && value > def.max) return bad(msg('value.before', { date: def.max }));
  return ok(value);
}

function checkDatetime(value: unknown): Checked {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return bad(msg('value.datetime'));
  const time = Date.parse(value);
  if (Number.isNaN(time) || !isValidDate(value.slice(0, 10))) return bad(msg('value.datetime'));
  return ok(new Date(time).toISOString());
}

function checkEnum(field: FieldInfo, value: unknown): Checked {
  if (typeof value !== 'string' || !field.options?.includes(value)) {
    return bad(msg('value.oneOf', { options: (field.options ?? []).slice(0, 20).join(', ') }));
  }
  return ok(value);
}

/** A free value (a tag) is a short line of text: trimmed, not empty, no control characters. */
const MAX_FREE_VALUE_LENGTH = 50;
const DEFAULT_MAX_FREE_VALUES = 100;

function checkFreeValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  // eslint-disable-next-line no-control-regex
  if (text.length === 0 || text.length > MAX_FREE_VALUE_LENGTH || /[\u0000-\u001f\u007f]/.test(text)) return undefined;
  return text;
}

function checkMultienum(field: FieldInfo, value: unknown): Checked {
  if (!Array.isArray(value)) return bad(msg('value.list'));
  const free = field.definition?.freeValues === true;
  const values: string[] = [];
  for (const v of value) {
    const checked = free ? checkFreeValue(v) : typeof v === 'string' && field.options?.includes(v) ? v : undefined;
    if (checked === undefined) {
      return bad(free ? msg('value.freeValue', { max: MAX_FREE_VALUE_LENGTH }) : msg('value.notAnOption', { value: String(v).slice(0, 50) }));
    }
    values.push(checked);
  }
  const unique = [...new Set(values)];
  const max = field.definition?.maxSelections ?? (free ? DEFAULT_MAX_FREE_VALUES : undefined);
  if (max !== undefined && unique.length > max) return bad(msg('value.maxSelections', { max }));
  return ok(unique);
}

function checkUrl(field: FieldInfo, value: unknown): Checked {
  const text = checkText(field, value);
  if (!text.ok) return text;
  try {
    const url = new URL(value as string);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad(msg('value.httpUrl'));
  } catch {
    return bad(msg('value.url'));
  }
  return text;
}

/** Checks and normalises one value for a stored field. Null always passes here; `required` is checked by the caller. */
export function checkFieldValue(field: FieldInfo, value: unknown): Checked {
  if (value === null) return ok(null);
  switch (field.type) {
    case 'text':
    case 'textarea':
      return checkText(field, value);
    case 'email': {
      const text = checkText(field, value);
      if (!text.ok) return text;
      const email = (value as string).trim();
      return EMAIL.test(email) ? ok(email) : bad(msg('value.email'));
    }
    case 'phone': {
      const text = checkText(field, value);
      if (!text.ok) return text;
      return PHONE.test(value as string) && /\d{3}/.test((value as string).replace(/\D/g, '')) ? text : bad(msg('value.phone'));
    }
    case 'url':
      return checkUrl(field, value);
    case 'number':
    case 'integer':
    case 'currency':
    case 'percent':
      return checkNumber(field, value);
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : bad(msg('value.boolean'));
    case 'date':
      return checkDate(field, value);
    case 'datetime':
      return checkDatetime(value);
    case 'enum':
      return checkEnum(field, value);
    case 'multienum':
      return checkMultienum(field, value);
    case 'lookup':
    case 'id':
      if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return ok(String(value));
      return isId(value) ? ok(value) : bad(msg('value.lookup'));
    case 'json': {
      const text = JSON.stringify(value);
      if (text === undefined) return bad(msg('value.json'));
      if (hasUnstorable(value)) return bad(msg('value.unstorableCharacter'));
      if (text.length > MAX_JSON_BYTES) return bad(msg('value.jsonSize', { max: MAX_JSON_BYTES }));
      return ok(text);
    }
    case 'formula':
      return bad(msg('value.computed'));
    default: {
      const exhaustive: never = field.type;
      return bad(msg('value.unsupportedType', { type: String(exhaustive) }));
    }
  }
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** "<field> <problem>": the field's name in English (clients match on it), its label in Chinese. */
export function fieldError(field: string | FieldInfo, message: string | Message): ErrorDetail {
  const name = typeof field === 'string' ? field : field.name;
  const label = typeof field === 'string' ? name : nameLabel(field);
  return detail(`/${name}`, msg('value.fieldProblem', { field: label, problem: message }));
}
