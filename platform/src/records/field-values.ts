import type { ErrorDetail } from '../core/errors.ts';
import { isId } from '../core/identifiers.ts';
import type { FieldInfo } from '../metadata/snapshot-types.ts';
import { hasUnstorable, isStorableText } from '../query/filter-value.ts';

/** The result of checking one client-supplied value: the value to store, or why it was refused. */
export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9()\-.\s]{3,40}$/;
const DEFAULT_MAX_LENGTH: Partial<Record<FieldInfo['type'], number>> = {
  text: 1000, email: 320, phone: 40, url: 2000, textarea: 100_000, enum: 200,
};
const MAX_JSON_BYTES = 100_000;

const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (message: string): Checked => ({ ok: false, message });

export function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function checkText(field: FieldInfo, value: unknown): Checked {
  if (typeof value !== 'string') return bad('must be text');
  if (!isStorableText(value)) return bad('contains a character that cannot be stored');
  const def = field.definition;
  const max = def?.maxLength ?? DEFAULT_MAX_LENGTH[field.type] ?? 1000;
  if ([...value].length > max) return bad(`must be at most ${max} characters`);
  if (def?.minLength !== undefined && [...value].length < def.minLength) return bad(`must be at least ${def.minLength} characters`);
  if (def?.pattern && !new RegExp(def.pattern, 'u').test(value)) return bad('does not have the expected format');
  return ok(value);
}

function checkNumber(field: FieldInfo, value: unknown): Checked {
  if (typeof value !== 'number' || !Number.isFinite(value)) return bad('must be a number');
  if (field.type === 'integer' && !Number.isSafeInteger(value)) return bad('must be a whole number');
  const def = field.definition;
  const min = def?.min === undefined ? undefined : Number(def.min);
  const max = def?.max === undefined ? undefined : Number(def.max);
  if (min !== undefined && value < min) return bad(`must be at least ${min}`);
  if (max !== undefined && value > max) return bad(`must be at most ${max}`);
  if (Math.abs(value) >= 1e15) return bad('is too large');
  if (field.type === 'currency') {
    const factor = 10 ** (def?.scale ?? 2);
    return ok(Math.round(value * factor) / factor);
  }
  return ok(value);
}

function checkDate(field: FieldInfo, value: unknown): Checked {
  if (typeof value !== 'string' || !isValidDate(value)) return bad('must be a date written YYYY-MM-DD');
  const def = field.definition;
  if (typeof def?.min === 'string' && value < def.min) return bad(`must be on or after ${def.min}`);
  if (typeof def?.max === 'string' && value > def.max) return bad(`must be on or before ${def.max}`);
  return ok(value);
}

function checkDatetime(value: unknown): Checked {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return bad('must be a date and time in ISO 8601');
  const time = Date.parse(value);
  if (Number.isNaN(time) || !isValidDate(value.slice(0, 10))) return bad('must be a date and time in ISO 8601');
  return ok(new Date(time).toISOString());
}

function checkEnum(field: FieldInfo, value: unknown): Checked {
  if (typeof value !== 'string' || !field.options?.includes(value)) {
    return bad(`must be one of: ${(field.options ?? []).slice(0, 20).join(', ')}`);
  }
  return ok(value);
}

function checkMultienum(field: FieldInfo, value: unknown): Checked {
  if (!Array.isArray(value)) return bad('must be a list of options');
  const unknown = value.find((v) => typeof v !== 'string' || !field.options?.includes(v));
  if (unknown !== undefined) return bad(`contains '${String(unknown).slice(0, 50)}', which is not an option`);
  const unique = [...new Set(value as string[])];
  const max = field.definition?.maxSelections;
  if (max !== undefined && unique.length > max) return bad(`allows at most ${max} selections`);
  return ok(unique);
}

function checkUrl(field: FieldInfo, value: unknown): Checked {
  const text = checkText(field, value);
  if (!text.ok) return text;
  try {
    const url = new URL(value as string);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad('must be an http or https address');
  } catch {
    return bad('must be a web address such as https://example.com');
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
      return EMAIL.test(email) ? ok(email) : bad('must be an email address');
    }
    case 'phone': {
      const text = checkText(field, value);
      if (!text.ok) return text;
      return PHONE.test(value as string) && /\d{3}/.test((value as string).replace(/\D/g, '')) ? text : bad('must be a phone number');
    }
    case 'url':
      return checkUrl(field, value);
    case 'number':
    case 'integer':
    case 'currency':
    case 'percent':
      return checkNumber(field, value);
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : bad('must be true or false');
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
      return isId(value) ? ok(value) : bad('must be the id of a record');
    case 'json': {
      const text = JSON.stringify(value);
      if (text === undefined) return bad('must be JSON');
      if (hasUnstorable(value)) return bad('contains a character that cannot be stored');
      if (text.length > MAX_JSON_BYTES) return bad(`must be at most ${MAX_JSON_BYTES} bytes of JSON`);
      return ok(text);
    }
    case 'formula':
      return bad('is computed and cannot be written');
    default: {
      const exhaustive: never = field.type;
      return bad(`has an unsupported type ${String(exhaustive)}`);
    }
  }
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

export function fieldError(field: string, message: string): ErrorDetail {
  return { path: `/${field}`, message: `${field} ${message}` };
}
