import type { Request } from 'express';
import { createError } from '../core/errors.ts';
import type { ListInput } from '../records/read-records.ts';

function single(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw createError('BAD_REQUEST', `Give the query parameter '${name}' once.`, [{ path: `/${name}`, message: 'must appear once' }]);
  return value;
}

/** Reads filter, sort, limit, cursor, fields and count from the query string of a list or export request. */
export function parseListQuery(req: Request): ListInput {
  const input: ListInput = {};
  const filter = single(req, 'filter');
  if (filter !== undefined && filter !== '') {
    try {
      input.filter = JSON.parse(filter);
    } catch {
      throw createError('INVALID_FILTER', 'The filter is not valid JSON.', [{ path: '/filter', message: 'must be JSON' }]);
    }
  }
  const sort = single(req, 'sort');
  if (sort) input.sort = sort;
  const limit = single(req, 'limit');
  if (limit !== undefined) {
    if (!/^\d{1,6}$/.test(limit)) throw createError('BAD_REQUEST', 'limit must be a whole number from 1 to 500.', [{ path: '/limit', message: 'must be 1 to 500' }]);
    input.limit = Number(limit);
  }
  const cursor = single(req, 'cursor');
  if (cursor) input.cursor = cursor;
  const fields = single(req, 'fields');
  if (fields) input.fields = fields.split(',').map((f) => f.trim()).filter(Boolean);
  const count = single(req, 'count');
  if (count !== undefined) input.count = count === 'true' || count === '1';
  return input;
}

/** `titles=true` on a list: the answer also carries the titles of the page's lookup values. */
export function wantsTitles(req: Request): boolean {
  const titles = single(req, 'titles');
  return titles === 'true' || titles === '1';
}
