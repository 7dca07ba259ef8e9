import { Router, type Request } from 'express';
import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import type { Pack } from '../plugins/pack-catalog.ts';
import { globalSearch } from '../records/global-search.ts';
import { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH, searchLength, searchTerms, type SearchTerms } from '../records/search-terms.ts';
import type { SearchAnswer } from './api-types.ts';
import { ctxOf } from './request-context.ts';

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 50;

function single(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw createError('BAD_REQUEST', msg('http.paramOnce', { name }), [{ path: `/${name}`, message: msg('http.mustAppearOnce') }]);
  return value;
}

function parseTerms(req: Request): SearchTerms {
  const q = single(req, 'q');
  if (q === undefined) throw createError('BAD_REQUEST', msg('search.queryMissing'), [{ path: '/q', message: msg('search.queryLengthDetail', { min: SEARCH_MIN_LENGTH, max: SEARCH_MAX_LENGTH }) }]);
  const terms = searchTerms(q);
  const length = searchLength(terms.text);
  if (length < SEARCH_MIN_LENGTH || length > SEARCH_MAX_LENGTH) {
    const range = { min: SEARCH_MIN_LENGTH, max: SEARCH_MAX_LENGTH };
    throw createError('BAD_REQUEST', msg('search.queryLength', range), [{ path: '/q', message: msg('search.queryLengthDetail', range) }]);
  }
  return terms;
}

function parseLimit(req: Request): number {
  const limit = single(req, 'limit');
  if (limit === undefined) return DEFAULT_LIMIT;
  const n = /^\d{1,3}$/.test(limit) ? Number(limit) : 0;
  if (n < 1 || n > MAX_LIMIT) throw createError('BAD_REQUEST', msg('http.limitRange', { name: 'limit', min: 1, max: MAX_LIMIT }), [{ path: '/limit', message: msg('http.mustBeRange', { min: 1, max: MAX_LIMIT }) }]);
  return n;
}

/** GET /api/search?q=&limit=: global search across every object the caller may read (records/global-search.ts). */
export function searchRoutes(packs: ReadonlyMap<string, Pack>): Router {
  const router = Router();
  // Objects a pack keeps out of the menu (its internal records) are kept out of search too.
  const exclude = new Set([...packs.values()].flatMap((p) => p.manifest.ui?.hiddenObjects ?? []));

  router.get('/', async (req, res) => {
    const ctx = ctxOf(req);
    const terms = parseTerms(req);
    const limit = parseLimit(req);
    const data = await globalSearch({ terms, limit, exclude }, ctx);
    res.json({ query: terms.text, data } satisfies SearchAnswer);
  });
  return router;
}
