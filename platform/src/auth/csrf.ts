import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';

const SETTING = 'csrf_secret';

/**
 * The server secret that CSRF tokens and session-token signatures are derived from, shared by every
 * server process through the `settings` table (made on first start).
 */
export async function loadServerSecret(db: Knex): Promise<Buffer> {
  await db('settings').insert({ key: SETTING, value: JSON.stringify(randomBytes(32).toString('base64url')) }).onConflict('key').ignore();
  const row = await db('settings').where({ key: SETTING }).first('value');
  return Buffer.from(String(row.value), 'base64url');
}

/** The CSRF token of a cookie session: an HMAC of its session token, so nothing more is stored. */
export function csrfTokenFor(secret: Buffer, sessionToken: string): string {
  return createHmac('sha256', secret).update(sessionToken).digest('base64url');
}

export function csrfTokenMatches(secret: Buffer, sessionToken: string, sent: string | undefined): boolean {
  if (!sent) return false;
  const expected = Buffer.from(csrfTokenFor(secret, sessionToken));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
