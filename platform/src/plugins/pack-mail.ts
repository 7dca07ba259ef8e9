import { createError } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import type { Mailer } from '../jobs/mailer.ts';
import type { MailService } from './plugin-api.ts';

/** The address part of a From header ("Tessera <crm@example.test>" gives crm@example.test). */
function addressOf(from: string): string {
  const match = /<([^<>]+)>\s*$/.exec(from);
  return (match ? match[1] : from).trim();
}

/** The packs' mail service on the platform's mailer (none without SMTP_URL); `queue` goes through the mail job. */
export function packMail(mailer: Mailer | null, mailFrom: string, queue: MailService['queue']): MailService {
  return {
    queue,
    configured: mailer !== null,
    fromAddress: addressOf(mailFrom),
    send: async (mail) => {
      if (!mailer) throw createError('CONFLICT', msg('pack.mailNotConfigured'));
      return mailer.send(mail);
    },
  };
}
