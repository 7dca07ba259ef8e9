import { SMTPServer } from 'smtp-server';
import type { PluginLogger } from '../../../../platform/src/plugins/plugin-api.ts';
import { readVerpAddress } from './campaign-tokens.ts';

const MAX_SIZE = 5 * 1024 * 1024;

/**
 * The inbound SMTP listener for the return addresses (bounce+…@, reply+…@): it accepts mail only for
 * them, reads each message whole and hands it on; anything else is refused at RCPT TO. It is bound
 * to 127.0.0.1 unless told otherwise: the domain's MX (or a relay) forwards to it.
 */
export function startInboundSmtp(options: { port: number; host: string; log: PluginLogger; receive(raw: Buffer, to: string[]): Promise<void> }): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_SIZE,
    banner: 'Tessera inbound',
    onRcptTo(address, _session, callback) {
      if (readVerpAddress(address.address)) return callback();
      const refused = Object.assign(new Error('No such mailbox here'), { responseCode: 550 });
      callback(refused);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return callback(Object.assign(new Error('Message too big'), { responseCode: 552 }));
        options.receive(Buffer.concat(chunks), session.envelope.rcptTo.map((r) => r.address)).then(
          () => callback(),
          (err: unknown) => {
            options.log.error({ err }, 'inbound mail could not be recorded');
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  server.on('error', (err) => options.log.warn({ err }, 'inbound SMTP listener error'));
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
