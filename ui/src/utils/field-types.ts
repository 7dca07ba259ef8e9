import type { Field } from '@/api/types';
import { toPercent } from './percent';

export type FilterOp = '$eq' | '$ne' | '$gt' | '$gte' | '$lt' | '$lte' | '$in' | '$nin' | '$contains' | '$startsWith' | '$null' | '$between';

export const ALL_OPS: FilterOp[] = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$startsWith', '$null', '$between'];

const NUMERIC = new Set(['number', 'integer', 'currency', 'percent']);
const TEXTUAL = new Set(['text', 'textarea', 'email', 'phone', 'url']);

/** The type a value of the field has: a formula's is what it returns. */
export function valueType(field: Pick<Field, 'type' | 'returns'>): string {
  return field.type === 'formula' ? (field.returns ?? 'text') : field.type;
}

export const isNumeric = (field: Pick<Field, 'type' | 'returns'>) => NUMERIC.has(valueType(field));
export const isTextual = (field: Pick<Field, 'type' | 'returns'>) => TEXTUAL.has(valueType(field));
export const isDateLike = (field: Pick<Field, 'type' | 'returns'>) => ['date', 'datetime'].includes(valueType(field));

/** The operators of the filter language that make sense for a field. */
export function operatorsFor(field: Pick<Field, 'type' | 'returns'>): FilterOp[] {
  const type = valueType(field);
  if (NUMERIC.has(type) || type === 'date' || type === 'datetime') return ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$between', '$in', '$nin', '$null'];
  if (TEXTUAL.has(type)) return ['$eq', '$ne', '$contains', '$startsWith', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$null'];
  if (type === 'enum' || type === 'lookup') return ['$eq', '$ne', '$in', '$nin', '$null'];
  if (type === 'multienum') return ['$contains', '$null'];
  if (type === 'boolean') return ['$eq', '$ne', '$null'];
  return ['$null'];
}

/** What a client-side check found wrong with a value: an i18n key and its parameters. */
export interface ValueProblem {
  key: string;
  params?: Record<string, unknown>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()\-./]{3,32}$/;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Mirrors the object schema's field keywords so that most mistakes are caught before saving. */
export function checkValue(field: Field, value: unknown): ValueProblem | null {
  if (isEmpty(value)) return field.required ? { key: 'validation.required' } : null;
  const type = valueType(field);
  if (TEXTUAL.has(type) && typeof value === 'string') {
    if (field.minLength !== undefined && value.length < field.minLength) return { key: 'validation.minLength', params: { n: field.minLength } };
    if (field.maxLength !== undefined && value.length > field.maxLength) return { key: 'validation.maxLength', params: { n: field.maxLength } };
    if (field.pattern) {
      try {
        if (!new RegExp(field.pattern, 'u').test(value)) return { key: 'validation.pattern' };
      } catch {
        // A pattern the browser cannot read is left to the server.
      }
    }
    if (type === 'email' && !EMAIL.test(value)) return { key: 'validation.email' };
    if (type === 'phone' && !PHONE.test(value)) return { key: 'validation.phone' };
    if (type === 'url') {
      try {
        const url = new URL(value);
        if (!['http:', 'https:'].includes(url.protocol)) return { key: 'validation.url' };
      } catch {
        return { key: 'validation.url' };
      }
    }
  }
  if (NUMERIC.has(type)) {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) return { key: 'validation.number' };
    if (type === 'integer' && !Number.isInteger(n)) return { key: 'validation.integer' };
    // A percent field's bounds are fractions like its values; people read them in percent.
    const bound = (b: number) => (type === 'percent' ? `${toPercent(b)} %` : b);
    if (typeof field.min === 'number' && n < field.min) return { key: 'validation.min', params: { n: bound(field.min) } };
    if (typeof field.max === 'number' && n > field.max) return { key: 'validation.max', params: { n: bound(field.max) } };
  }
  if ((type === 'date' || type === 'datetime') && typeof value === 'string') {
    if (typeof field.min === 'string' && value < field.min) return { key: 'validation.after', params: { d: field.min } };
    if (typeof field.max === 'string' && value > field.max) return { key: 'validation.before', params: { d: field.max } };
  }
  if (type === 'multienum' && Array.isArray(value) && field.maxSelections !== undefined && value.length > field.maxSelections) {
    return { key: 'validation.maxSelections', params: { n: field.maxSelections } };
  }
  if (type === 'json' && typeof value === 'string') {
    try {
      JSON.parse(value);
    } catch {
      return { key: 'validation.json' };
    }
  }
  return null;
}

/** Fields a person can type into: formulas and read-only fields are computed by the server. */
export const isEditable = (field: Field) => field.type !== 'formula' && !field.readOnly;
