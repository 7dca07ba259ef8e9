import { Router } from 'express';
import { createError } from '../core/errors.ts';
import type { DataAnswer, DirectoryDepartment, DirectoryUser } from './api-types.ts';
import { ctxOf } from './request-context.ts';
import { msg } from '../core/messages/message.ts';

const ID = /^[1-9][0-9]{0,17}$/;

function parseIds(value: unknown): string[] {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'string') throw createError('BAD_REQUEST', msg('http.idList', { name: 'ids', max: 200 }));
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length > 200 || ids.some((id) => !ID.test(id))) {
    throw createError('BAD_REQUEST', msg('http.idList', { name: 'ids', max: 200 }), [{ path: '/ids', message: msg('http.numericIds') }]);
  }
  return ids;
}

function parseLimit(value: unknown): number {
  if (value === undefined || value === '') return 20;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw createError('BAD_REQUEST', msg('http.limitRange', { name: 'limit', min: 1, max: 100 }), [{ path: '/limit', message: msg('http.mustBeRange', { min: 1, max: 100 }) }]);
  return n;
}

/**
 * The people directory every logged-in user needs to work with others in the web application:
 * names to show for owners and assignees, and a search to pick a user for transfer, sharing or
 * delegation, or a department (the search finds staff users only). Only ids, usernames, names and departments leave the server.
 */
export function uiDirectoryRoutes(): Router {
  const router = Router();

  router.get('/users', async (req, res) => {
    const ctx = ctxOf(req);
    const ids = parseIds(req.query.ids);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const limit = parseLimit(req.query.limit);
    const rows = await ctx.db('users')
      .modify((query) => {
        if (ids.length) query.whereIn('id', ids);
        else query.where({ active: true, kind: 'staff' });
        if (q) {
          const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          query.where((w) => w.whereILike('username', like).orWhereILike('name', like));
        }
      })
      .orderBy('name')
      .orderBy('id')
      .limit(ids.length ? ids.length : limit)
      .select('id', 'username', 'name', 'department', 'active');
    res.json({
      data: rows.map((r: { id: string | number; username: string; name: string; department: string | number | null; active: boolean }) => ({
        id: String(r.id), username: r.username, name: r.name, department: r.department === null ? null : String(r.department), active: r.active,
      })),
    } satisfies DataAnswer<DirectoryUser>);
  });

  router.get('/departments', async (req, res) => {
    const ctx = ctxOf(req);
    const rows = await ctx.db('departments').orderBy('name').orderBy('id').select('id', 'name', 'parent');
    res.json({ data: rows.map((r: { id: string | number; name: string; parent: string | number | null }) => ({ id: String(r.id), name: r.name, parent: r.parent === null ? null : String(r.parent) })) } satisfies DataAnswer<DirectoryDepartment>);
  });

  return router;
}
