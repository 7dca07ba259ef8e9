import { describe, expect, it } from 'vitest';
import { classifyInbound, ownWords, type InboundMail } from '../../../plugins/exhibition/src/campaigns/classify-inbound.ts';
import { hashToken, isToken, newToken, readVerpAddress, verpAddress } from '../../../plugins/exhibition/src/campaigns/campaign-tokens.ts';
import { readInbound } from '../../../plugins/exhibition/src/campaigns/read-inbound.ts';
import { dsn, reply } from '../../integration/exhibition/campaign-fixtures.ts';

// The one classifier behind the inbound SMTP listener and the webhook: DSNs by status, bounces
// without a DSN by sender, subject and text, automatic replies by headers, the rest as replies.

const TOKEN = '0123456789abcdef0123456789abcdef';
const BOUNCE = `bounce+${TOKEN}@bounces.example.test`;
const REPLY = `reply+${TOKEN}@bounces.example.test`;
const mail = (over: Partial<InboundMail>): InboundMail => ({ to: [REPLY], from: 'buyer@example.test', subject: 'Re: Spring fair', text: 'See you there.', headers: {}, deliveryStatus: null, returned: '', ...over });

describe('tokens and return addresses', () => {
  it('are random, hashed for storage, and read back from VERP addresses only', () => {
    const token = newToken();
    expect(isToken(token)).toBe(true);
    expect(newToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(readVerpAddress(verpAddress('bounce', token, 'b.example.test'))).toEqual({ kind: 'bounce', token });
    expect(readVerpAddress(`REPLY+${TOKEN.toUpperCase()}@B.EXAMPLE.TEST`)).toEqual({ kind: 'reply', token: TOKEN });
    expect(readVerpAddress('bounce+short@b.example.test')).toBeNull();
    expect(readVerpAddress('fair@example.test')).toBeNull();
    expect(isToken('../etc')).toBe(false);
  });
});

describe('classifyInbound', () => {
  it('reads a DSN: 5.x.x is a hard bounce, 4.x.x and delays soft, with the status and diagnostic as summary', async () => {
    const hard = classifyInbound(await readInbound(dsn(BOUNCE, 'gone@example.test', '5.1.1'), [BOUNCE]));
    expect(hard).toMatchObject({ kind: 'hard_bounce', token: TOKEN, statusCode: '5.1.1' });
    expect(hard.summary).toContain('User unknown');
    expect(hard.summary.length).toBeLessThanOrEqual(500);
    expect(classifyInbound(await readInbound(dsn(BOUNCE, 'full@example.test', '4.2.2'), [BOUNCE]))).toMatchObject({ kind: 'soft_bounce', statusCode: '4.2.2' });
  });

  it('finds the token in the returned headers when the envelope does not carry it', async () => {
    const raw = dsn('postmaster@relay.example.test', 'gone@example.test', '5.1.1').replace('--DSN-B--', `--DSN-B\r\nContent-Type: text/rfc822-headers\r\n\r\nReturn-Path: <${BOUNCE}>\r\nSubject: Spring fair\r\n\r\n--DSN-B--`);
    expect(classifyInbound(await readInbound(raw, ['postmaster@relay.example.test']))).toMatchObject({ kind: 'hard_bounce', token: TOKEN });
  });

  it('reads bounces without a DSN by their sender, subject and common texts', () => {
    expect(classifyInbound(mail({ to: [BOUNCE], from: 'MAILER-DAEMON@mx.example.test', subject: 'failure notice', text: '<x@example.test>: 550 5.1.1 user unknown' }))).toMatchObject({ kind: 'hard_bounce', statusCode: '5.1.1' });
    expect(classifyInbound(mail({ to: [BOUNCE], from: 'postmaster@mx.example.test', subject: 'Delivery failure', text: 'The recipient does not exist.' }))).toMatchObject({ kind: 'hard_bounce', statusCode: null });
    expect(classifyInbound(mail({ to: [BOUNCE], from: 'postmaster@mx.example.test', subject: '系统退信', text: '对方邮箱已满，请稍后重试' }))).toMatchObject({ kind: 'soft_bounce' });
    expect(classifyInbound(mail({ to: [BOUNCE], from: 'someone@example.test', subject: 'Your message', text: 'Mailbox full, try again later' }))).toMatchObject({ kind: 'soft_bounce' });
  });

  it('tells automatic replies by their headers and subjects', () => {
    expect(classifyInbound(mail({ headers: { 'auto-submitted': 'auto-replied' } })).kind).toBe('auto_reply');
    expect(classifyInbound(mail({ headers: { 'auto-submitted': 'no' } })).kind).toBe('reply');
    expect(classifyInbound(mail({ headers: { 'x-autoreply': 'yes' } })).kind).toBe('auto_reply');
    expect(classifyInbound(mail({ headers: { precedence: 'auto_reply' } })).kind).toBe('auto_reply');
    expect(classifyInbound(mail({ subject: 'Out of Office: Spring fair' })).kind).toBe('auto_reply');
    expect(classifyInbound(mail({ subject: '自动回复：展会邀请' })).kind).toBe('auto_reply');
    expect(classifyInbound(mail({ to: [BOUNCE], subject: 'Automatic reply', text: 'Away until Monday' })).kind).toBe('auto_reply');
  });

  it("keeps a person's own words of a reply, without the quoted original", async () => {
    const verdict = classifyInbound(await readInbound(reply(REPLY, 'bo@example.test', 'Yes, two of us.'), [REPLY]));
    expect(verdict).toMatchObject({ kind: 'reply', token: TOKEN, summary: 'Yes, two of us.', subject: 'Re: Spring fair invitation' });
    expect(ownWords('Thanks!\n> old text\n-----Original Message-----\nFrom: fair')).toBe('Thanks!');
    expect(ownWords('好的\n\n张三 写道：\n> 邀请')).toBe('好的\n');
  });

  it('gives no token for mail to an address that is not a return address', () => {
    expect(classifyInbound(mail({ to: ['fair@example.test'] })).token).toBeNull();
  });
});
