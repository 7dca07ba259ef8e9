import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SinkMail {
  /** The envelope sender (MAIL FROM), e.g. a per-recipient return address. */
  from: string;
  to: string[];
  data: string;
}

/** A local SMTP server that keeps every message it receives, for tests of mail the server sends. */
export interface SmtpSink {
  url: string;
  port: number;
  mails: SinkMail[];
  /** Waits (up to 20 s) for a mail to `to` whose text matches, and answers it. */
  waitFor(to: string, match?: RegExp): Promise<SinkMail>;
  close(): Promise<void>;
}

/** `unfoldHeaders`: keep each message with its folded header lines joined, for tests that read long headers. */
export async function startSmtpSink(options: { unfoldHeaders?: boolean } = {}): Promise<SmtpSink> {
  const mails: SinkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const data = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom;
        mails.push({ from: from ? from.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: options.unfoldHeaders ? data.replace(/\r\n[ \t]+/g, ' ') : data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    async waitFor(to, match) {
      const until = Date.now() + 20_000;
      for (;;) {
        const found = mails.find((m) => m.to.includes(to) && (!match || match.test(decodedText(m.data))));
        if (found) return found;
        if (Date.now() > until) throw new Error(`no mail to ${to}${match ? ` matching ${match}` : ''}; got ${mails.map((m) => m.to.join(',')).join('; ')}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A mail's text with quoted-printable soft breaks and escapes undone (enough for links and ASCII words). */
export function decodedText(data: string): string {
  return data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
