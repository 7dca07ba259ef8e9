import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Actor } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';

interface CachedSession {
  actor: Actor;
  expiresAt: number;
  checkedAt: number;
}

// A session is re-read from the database at most this often, so a logout or a deactivation made
// on another server process takes effect within this many milliseconds.
const RECHECK_MS = 15_000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Opaque bearer tokens: only their hash is stored, so a database leak does not leak sessions. */
export class SessionStore {
  private readonly cache = new Map<string, CachedSession>();

  constructor(
    private readonly db: Knex,
    private readonly ttlSeconds: number,
  ) {}

  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    await this.db('auth_sessions').insert({ id: tokenHash(token), user_id: userId, expires_at: expiresAt });
    return { token, expiresAt };
  }

  async revoke(token: string): Promise<void> {
    const id = tokenHash(token);
    this.cache.delete(id);
    await this.db('auth_sessions').where({ id }).update({ revoked_at: this.db.fn.now() });
  }

  async authenticate(token: string): Promise<Actor> {
    const id = tokenHash(token);
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && cached.expiresAt > now && now - cached.checkedAt < RECHECK_MS) return cached.actor;
    const row = await this.db('auth_sessions as s')
      .join('users as u', 'u.id', 's.user_id')
      .where('s.id', id)
      .whereNull('s.revoked_at')
      .where('s.expires_at', '>', this.db.fn.now())
      .where('u.active', true)
      .first('u.id', 'u.username', 'u.department', 'u.roles', 's.expires_at');
    if (!row) {
      this.cache.delete(id);
      throw createError('UNAUTHENTICATED', 'The session has expired or was ended; please log in again.');
    }
    const actor = await loadActor(this.db, row);
    this.cache.set(id, { actor, expiresAt: new Date(row.expires_at).getTime(), checkedAt: now });
    if (this.cache.size > 50_000) this.cache.delete(this.cache.keys().next().value as string);
    return actor;
  }
}

export async function loadActor(
  db: Knex,
  user: { id: string; username: string; department: string | null; roles: string[] },
): Promise<Actor> {
  const roles = user.roles ?? [];
  const superuser =
    roles.length > 0 &&
    (await db('roles').whereIn('name', roles).whereRaw("(document->>'superuser')::boolean IS TRUE").first('name')) !== undefined;
  return Object.freeze({
    kind: 'user' as const,
    id: String(user.id),
    username: user.username,
    department: user.department === null ? null : String(user.department),
    roles,
    superuser,
  });
}
