import type { Request } from 'express';
import { createError } from '../core/errors.ts';
import type { ListInput } from '../records/read-records.ts';
import { msg } from '../core/messages/message.ts';

function single(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw createError('BAD_REQUEST', msg('http.paramOnce', { name }), [{ path: `/${name}`, message: msg('http.mustAppearOnce') }]);
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
      throw createError('INVALID_FILTER', msg('http.filterNotJson'), [{ path: '/filter', message: msg('http.mustBeJson') }]);
    }
  }
  const sort = single(req, 'sort');
  if (sort) input.sort = sort;
  const limit = single(req, 'limit');
  if (limit !== undefined) {
    if (!/^\d{1,6}$/.test(limit)) throw createError('BAD_REQUEST', msg('http.limitRange', { name: 'limit', min: 1, max: 500 }), [{ path: '/limit', message: msg('http.mustBeRange', { min: 1, max: 500 }) }]);
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
