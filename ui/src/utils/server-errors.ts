import type { ErrorDetail } from '@/api/api-error';
import { localizeDetail } from './server-messages';
import { percentBound } from './percent';

/**
 * Splits a 422's details into messages per field (a pointer `/<field>` or `/<field>/…`) and the rest.
 * Unknown pointers stay general so that nothing the server said is lost. Bounds of the fields named
 * in `percentFields` are stored as fractions and said in percent.
 */
export function fieldErrors(details: ErrorDetail[], fieldNames: string[], percentFields: string[] = []): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const d of details) {
    const name = /^\/([^/]+)/.exec(d.path)?.[1];
    const field = name === 'fields' || name === 'values' ? /^\/[^/]+\/([^/]+)/.exec(d.path)?.[1] : name;
    const message = localizeDetail(field && percentFields.includes(field) ? percentBound(d.message) : d.message);
    if (field && fieldNames.includes(field)) byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
    else general.push(d.path ? `${d.path}: ${message}` : message);
  }
  return { byField, general };
}
