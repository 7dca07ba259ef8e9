import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../core/logger.ts';

export const SEND_MAIL_JOB = 'mail.send';

export interface MailJob {
  to: string;
  subject: string;
  text: string;
}

/** Mail delivery through nodemailer when SMTP_URL is configured; without it, nothing is sent by mail. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly log: Logger,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  /** One message; a failure throws so the job queue retries it with backoff. */
  async deliver(mail: MailJob): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
    } catch (err) {
      this.log.warn({ err, to: mail.to }, 'mail delivery failed; it will be retried');
      throw err;
    }
  }

  close(): void {
    this.transport.close();
  }
}
