import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../core/logger.ts';

export const SEND_MAIL_JOB = 'mail.send';

export interface MailJob {
  to: string;
  subject: string;
  text: string;
}

/** One message as a pack sends it through the platform's SMTP configuration (docs/plugins.md, "Mail"). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The From header; the configured MAIL_FROM when absent. */
  from?: string;
  /** The envelope sender (MAIL FROM, the Return-Path bounces go to): a per-recipient (VERP) address. */
  envelopeFrom?: string;
  replyTo?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

const addresses = (list: unknown): string[] => (Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? ''))) : []);

/** Mail delivery through nodemailer when SMTP_URL is configured; without it, nothing is sent by mail. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    readonly from: string,
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

  /** One message with its own envelope and headers; a failure throws for the caller to record. */
  async send(mail: OutgoingMail): Promise<SentMail> {
    const from = mail.from ?? this.from;
    const info = await this.transport.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html !== undefined ? { html: mail.html } : {}),
      ...(mail.replyTo !== undefined ? { replyTo: mail.replyTo } : {}),
      ...(mail.headers ? { headers: mail.headers } : {}),
      ...(mail.envelopeFrom !== undefined ? { envelope: { from: mail.envelopeFrom, to: mail.to } } : {}),
    });
    return { messageId: String(info.messageId ?? ''), accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
  }

  close(): void {
    this.transport.close();
  }
}
