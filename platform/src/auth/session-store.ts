import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { Actor } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { RoleDocument } from '../generated/role.ts';
import { compileLoginPolicy, loginRefusal, type LoginPolicy } from './login-policy.ts';
import { msg } from '../core/messages/message.ts';
import { announceChange } from '../core/change-bus.ts';

interface CachedSession {
  actor: Actor;
  loginPolicy: LoginPolicy;
  expiresAt: number;
  checkedAt: number;
}

// A session is re-read from the database at most this often. Logouts, deactivations and role changes
// reach every process at once as change notices (core/change-bus.ts); this is the bound when a notice
// was missed.
const RECHECK_MS = 15_000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** 32 random bytes and their HMAC-SHA256, each 43 base64url characters. */
const PART = 43;

/**
 * Bearer tokens are 32 random bytes signed with a server key: a token this server did not issue is
 * refused before any database work, and only the hash of a token is stored, so a database leak does
 * not leak sessions. Expiry and revocation live in the database, where every process sees them.
 */
export class SessionStore {
  private readonly cache = new Map<string, CachedSession>();
  private readonly signingKey: Buffer;

  constructor(
    private readonly db: Knex,
    private readonly ttlSeconds: number,
    /** The server secret (shared by every process); the signing key is derived from it. */
    secret: Buffer,
    /** The wall clock of login hours; tests replace it. */
    private readonly now: () => Date = () => new Date(),
  ) {
    this.signingKey = createHmac('sha256', secret).update('tessera session token signing').digest();
  }

  private signature(random: string): string {
    return createHmac('sha256', this.signingKey).update(random).digest('base64url');
  }

  private isSigned(token: string): boolean {
    if (token.length !== PART * 2) return false;
    const expected = Buffer.from(this.signature(token.slice(0, PART)));
    const given = Buffer.from(token.slice(PART));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const random = randomBytes(32).toString('base64url');
    const token = random + this.signature(random);
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    await this.db('auth_sessions').insert({ id: tokenHash(token), user_id: userId, expires_at: expiresAt });
    return { token, expiresAt };
  }

  /**
   * Drops this process's cached sessions of a user whose roles, department or state changed, so their
   * next request here sees the change (other processes drop theirs on the change notice).
   */
  forgetUser(userId: string): void {
    for (const [id, session] of this.cache) if (session.actor.id === userId) this.cache.delete(id);
  }

  /** Drops one cached session, by the stored id (the token's hash). */
  forgetSession(id: string): void {
    this.cache.delete(id);
  }

  /** Drops every cached session (a role's document changed, or change notices may have been missed). */
  forgetAll(): void {
    this.cache.clear();
  }

  async revoke(token: string): Promise<void> {
    const id = tokenHash(token);
    this.cache.delete(id);
    await this.db.transaction(async (trx) => {
      await trx('auth_sessions').where({ id }).update({ revoked_at: trx.fn.now() });
      await announceChange(trx, { kind: 'session', id });
    });
  }

  /** The session's user, after the login level's network and hours rules for this request. */
  async authenticate(token: string, clientIp: string | undefined): Promise<Actor> {
    const session = await this.session(token);
    const refusal = loginRefusal(session.loginPolicy, clientIp, this.now());
    if (refusal) throw createError('FORBIDDEN', refusal);
    return session.actor;
  }

  private async session(token: string): Promise<CachedSession> {
    if (!this.isSigned(token)) throw createError('UNAUTHENTICATED', msg('auth.sessionEnded'));
    const id = tokenHash(token);
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && cached.expiresAt > now && now - cached.checkedAt < RECHECK_MS) return cached;
    const row = await this.db('auth_sessions as s')
      .join('users as u', 'u.id', 's.user_id')
      .where('s.id', id)
      .whereNull('s.revoked_at')
      .where('s.expires_at', '>', this.db.fn.now())
      .where('u.active', true)
      .first([...ACTOR_COLUMNS.map((c) => `u.${c}`), 's.expires_at']);
    if (!row) {
      this.cache.delete(id);
      throw createError('UNAUTHENTICATED', msg('auth.sessionEnded'));
    }
    const { actor, loginPolicy } = await loadActor(this.db, row);
    const session = { actor, loginPolicy, expiresAt: new Date(row.expires_at).getTime(), checkedAt: now };
    this.cache.set(id, session);
    if (this.cache.size > 50_000) this.cache.delete(this.cache.keys().next().value as string);
    return session;
  }
}

/** The columns of `users` an actor is made of (loadActor). */
export const ACTOR_COLUMNS = ['id', 'username', 'department', 'roles', 'language', 'kind', 'account_object', 'account_id'] as const;

export interface ActorRow {
  id: string;
  username: string;
  department: string | null;
  roles: string[];
  language?: 'en' | 'zh-CN' | null;
  kind: 'staff' | 'portal';
  account_object: string | null;
  account_id: string | null;
}

/** The acting user with what their roles say at the login level, read in one query. */
export async function loadActor(
  db: Knex,
  user: ActorRow,
): Promise<{ actor: Actor; loginPolicy: LoginPolicy }> {
  const roles = user.roles ?? [];
  const documents: Pick<RoleDocument, 'superuser' | 'login'>[] = roles.length
    ? (await db('roles').whereIn('name', roles).select(db.raw("document->'superuser' AS superuser"), db.raw("document->'login' AS login"))).map(
        (r: { superuser: unknown; login: RoleDocument['login'] | null }) => ({ superuser: r.superuser === true, login: r.login ?? undefined }),
      )
    : [];
  const actor = Object.freeze({
    kind: 'user' as const,
    id: String(user.id),
    username: user.username,
    department: user.department === null ? null : String(user.department),
    roles,
    superuser: documents.some((d) => d.superuser === true),
    language: user.language ?? null,
    // Anything but an explicit staff kind is held to the portal's routes.
    portal: user.kind !== 'staff',
    account: user.account_object && user.account_id !== null ? Object.freeze({ object: user.account_object, id: String(user.account_id) }) : null,
  });
  return { actor, loginPolicy: compileLoginPolicy(documents) };
}
