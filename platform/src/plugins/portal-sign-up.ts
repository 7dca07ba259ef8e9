import { createHash, randomBytes } from 'node:crypto';
import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { msg, renderMessage } from '../core/messages/message.ts';
import { queueMail } from '../jobs/queue-mail.ts';
import { bodyObject, InputProblems, readText, rejectUnknownKeys } from '../organisation/organisation-input.ts';
import { createUser, updateUser } from '../organisation/users.ts';
import type { PortalSignUpHandler, RecordData } from './plugin-api.ts';
import { portalUsers } from './portal-users.ts';
import { systemRecordService } from './record-service.ts';

/** How long a verification link is good for. */
export const VERIFY_HOURS = 24;

// The e-mail address is the portal user's username, so it must also be a valid username.
const EMAIL = /^[\p{L}\p{N}._-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
const LANGUAGES = ['en', 'zh-CN'] as const;
const KEYS = ['email', 'password', 'name', 'language', 'company'];
const MAX_COMPANY_JSON = 20_000;

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  language: 'en' | 'zh-CN';
  company: RecordData;
}

export function parseSignUp(body: unknown, handler: PortalSignUpHandler): SignUpInput {
  const data = bodyObject(body);
  const problems = new InputProblems();
  rejectUnknownKeys(data, KEYS, problems);
  const email = typeof data.email === 'string' ? data.email.trim().toLowerCase() : '';
  if (!EMAIL.test(email) || email.length > 100) problems.add('/email', msg('portal.email'));
  if (typeof data.password !== 'string' || !data.password) problems.add('/password', msg('auth.passwordRequired'));
  const name = readText(data, 'name', 200, problems);
  if (name === undefined && data.name === undefined) problems.add('/name', msg('org.keyRequired', { key: 'name' }));
  const language = LANGUAGES.find((l) => l === data.language);
  if (!language) problems.add('/language', msg('org.language', { languages: LANGUAGES.join(', ') }));
  const company = data.company;
  const companyOk = typeof company === 'object' && company !== null && !Array.isArray(company) && JSON.stringify(company).length <= MAX_COMPANY_JSON;
  if (!companyOk) problems.add('/company', msg('portal.company'));
  else problems.details.push(...(handler.check?.(company as RecordData) ?? []));
  problems.throwIfAny(msg('portal.signUpInvalid'));
  return { email, password: data.password as string, name: name as string, language: language!, company: company as RecordData };
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Creates an inactive portal user (or renews a sign-up not yet verified: only the mailbox's holder
 * can finish either) and mails the verification link. An address already in use otherwise, by staff
 * or a verified portal user, is refused with one message whatever the account.
 */
export async function signUp(input: SignUpInput, ctx: Ctx, options: { publicUrl: string }): Promise<{ expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + VERIFY_HOURS * 3600_000);
  await ctx.db.transaction(async (trx) => {
    const inTrx: Ctx = { ...ctx, db: trx };
    const existing = await trx('users as u')
      .leftJoin('portal_sign_ups as s', 's.user_id', 'u.id')
      .whereRaw('lower(u.username) = ?', [input.email]).orWhereRaw('lower(u.email) = ?', [input.email])
      .first('u.id', 's.id as sign_up', 's.verified_at');
    if (existing && (!existing.sign_up || existing.verified_at)) {
      throw createError('CONFLICT', msg('portal.emailTaken'), [{ path: '/email', message: msg('portal.emailUnique') }]);
    }
    const user = { password: input.password, name: input.name, email: input.email, language: input.language };
    const row = { token_hash: tokenHash(token), expires_at: expiresAt.toISOString(), company: JSON.stringify(input.company) };
    if (existing) {
      await updateUser(String(existing.id), user, inTrx);
      await trx('portal_sign_ups').where({ id: existing.sign_up }).update(row);
    } else {
      const created = await createUser({ ...user, username: input.email, kind: 'portal', active: false, roles: [] }, inTrx);
      await trx('portal_sign_ups').insert({ ...row, user_id: created.id });
    }
    const link = `${options.publicUrl.replace(/\/+$/, '')}/portal/verify?token=${token}`;
    const text = renderMessage(msg('portal.verifyText', { name: input.name, hours: VERIFY_HOURS, link }), input.language);
    await queueMail({ to: input.email, subject: renderMessage(msg('portal.verifySubject'), input.language), text }, inTrx, { link });
  });
  return { expiresAt: expiresAt.toISOString() };
}

/**
 * Verifies a sign-up's address and hands it to the pack, in one transaction: the pack records the
 * application it will approve. A link used again answers as the first time (a second click is harmless).
 */
export async function verifySignUp(token: string, ctx: Ctx, handler: PortalSignUpHandler | undefined): Promise<{ active: boolean }> {
  return ctx.db.transaction(async (trx) => {
    const inTrx: Ctx = { ...ctx, db: trx };
    const row = await trx('portal_sign_ups as s').join('users as u', 'u.id', 's.user_id').where('s.token_hash', tokenHash(token)).forUpdate('s')
      .first('s.id', 's.user_id', 's.expires_at', 's.verified_at', 's.company', 'u.email', 'u.name', 'u.language', 'u.active');
    if (!row || (!row.verified_at && new Date(row.expires_at) <= new Date())) throw createError('BAD_REQUEST', msg('portal.tokenInvalid'));
    if (row.verified_at) return { active: row.active };
    await trx('portal_sign_ups').where({ id: row.id }).update({ verified_at: trx.fn.now() });
    const signUp = { userId: String(row.user_id), email: row.email, name: row.name, language: row.language ?? 'en', company: row.company as RecordData };
    await handler?.verified(signUp, { system: systemRecordService(() => inTrx), portalUsers: portalUsers(inTrx) });
    const after = await trx('users').where({ id: row.user_id }).first('active');
    return { active: after.active };
  });
}
