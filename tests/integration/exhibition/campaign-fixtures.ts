import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';

/** A local SMS provider: records each POSTed message; answers 502 to numbers ending in 0. */
export async function startSmsProvider(): Promise<{ url: string; messages: { to: string; text: string; reference: string }[]; close(): Promise<void> }> {
  const messages: { to: string; text: string; reference: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string; reference: string };
      if (body.to.endsWith('0')) {
        res.writeHead(502).end('gateway down');
        return;
      }
      messages.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sms-${messages.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port free at the moment of asking. */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Delivers a raw message to an SMTP listener with the given envelope recipient. */
export async function deliverTo(port: number, to: string, raw: string): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope: { from: 'MAILER-DAEMON@mx.example.test', to: [to] }, raw });
  } finally {
    transport.close();
  }
}

/** A delivery status notification (RFC 3464) for `address` with `status` (5.x.x permanent, 4.x.x transient). */
export function dsn(to: string, address: string, status: string): string {
  const action = status.startsWith('5') ? 'failed' : 'delayed';
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.test>',
    `To: ${to}`,
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="DSN-B"',
    '',
    '--DSN-B',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This is the mail system. I could not deliver your message.',
    '',
    '--DSN-B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.test',
    '',
    `Final-Recipient: rfc822; ${address}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${status.startsWith('5') ? '550' : '452'} ${status} <${address}>: ${status.startsWith('5') ? 'Recipient address rejected: User unknown' : 'Mailbox full'}`,
    '',
    '--DSN-B--',
    '',
  ].join('\r\n');
}

/** A person's reply to `to`, quoting the original. */
export function reply(to: string, from: string, words: string): string {
  return [
    `From: ${from}`,
    `To: ${to}`,
    'Subject: Re: Spring fair invitation',
    'Content-Type: text/plain; charset=utf-8',
    '',
    words,
    '',
    'On Mon, 1 Mar 2027, Spring Fair wrote:',
    '> Dear buyer, you are invited.',
    '',
  ].join('\r\n');
}
