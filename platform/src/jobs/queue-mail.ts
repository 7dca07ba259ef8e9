import type { Ctx } from '../core/ctx.ts';
import { SEND_MAIL_JOB, type MailJob } from './mailer.ts';

/**
 * Queues a mail as a job in the context's transaction, so it leaves only if the work commits. Without
 * SMTP_URL there is no mail handler: the warning says so, and `fallback` (what the mail was for, e.g.
 * the verification link an operator can pass on) is logged with it.
 */
export async function queueMail(mail: MailJob, ctx: Pick<Ctx, 'db' | 'jobs' | 'log'>, fallback: Record<string, unknown> = {}): Promise<boolean> {
  if (!ctx.jobs?.handles(SEND_MAIL_JOB)) {
    ctx.log.warn({ to: mail.to, subject: mail.subject, ...fallback }, 'SMTP_URL is not set: this mail was not sent');
    return false;
  }
  await ctx.jobs.send(SEND_MAIL_JOB, mail satisfies MailJob, { db: ctx.db, retryLimit: 5 });
  return true;
}
