import { readVerpAddress } from './campaign-tokens.ts';

/** An inbound message as the classifier reads it (see read-inbound.ts). */
export interface InboundMail {
  /** The envelope recipients (or the To/Delivered-To addresses). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** Header names lower-cased, values as text. */
  headers: Record<string, string>;
  /** The text of a message/delivery-status part, when the message is a DSN (RFC 3464). */
  deliveryStatus: string | null;
  /** The text of the returned original message or its headers, where a bounce quotes them. */
  returned: string;
}

export type InboundKind = 'hard_bounce' | 'soft_bounce' | 'auto_reply' | 'reply' | 'delivered';

export interface InboundVerdict {
  kind: InboundKind;
  /** The recipient's token, from the VERP address the message came to or that it quotes; null when none. */
  token: string | null;
  statusCode: string | null;
  subject: string;
  /** A short summary, never the whole message. */
  summary: string;
}

const VERP_IN_TEXT = /\b(?:bounce|reply)\+([0-9a-f]{32})@/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECT = /undeliver|delivery (status notification|failure|has failed)|returned mail|mail delivery failed|failure notice|delivery failure|退信|投递失败|系统退信/i;
const HARD_TEXT = /user unknown|unknown user|no such (user|recipient|mailbox)|does not exist|doesn't exist|mailbox unavailable|address rejected|recipient rejected|invalid (recipient|address|mailbox)|account (has been )?disabled|用户不存在|地址不存在|收件人不存在/i;
const SOFT_TEXT = /mailbox (is )?full|over quota|quota exceeded|temporar|try again later|greylist|邮箱已满|容量不足|暂时/i;
const AUTO_SUBJECT = /^(auto:|automatic reply|auto[- ]?reply|autoreply|out of (the )?office|away from|vacation|自动回复|自动答复|休假)/i;
const ENHANCED = /\b([245])\.\d{1,3}\.\d{1,3}\b/;
const LIMIT = 500;

const squeeze = (text: string, limit = LIMIT) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
};

/** The reply's own words: quoted lines and everything from an "On … wrote:" line on are left out. */
export function ownWords(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(on .+ wrote:|.+ 写道：|-----\s*original message\s*-----|-----\s*原始邮件\s*-----|from: .+)$/i.test(line)) break;
    if (/^\s*>/.test(line)) continue;
    lines.push(line);
  }
  return lines.join('\n');
}

function tokenOf(mail: InboundMail): string | null {
  for (const address of mail.to) {
    const verp = readVerpAddress(address);
    if (verp) return verp.token;
  }
  const quoted = VERP_IN_TEXT.exec(`${mail.deliveryStatus ?? ''}\n${mail.returned}\n${mail.text}`);
  return quoted ? quoted[1].toLowerCase() : null;
}

function isAutoReply(mail: InboundMail): boolean {
  const h = mail.headers;
  const submitted = (h['auto-submitted'] ?? '').trim().toLowerCase();
  if (submitted && submitted !== 'no') return true;
  if (h['x-autoreply'] !== undefined || h['x-autorespond'] !== undefined || h['x-autoreply-from'] !== undefined) return true;
  if (/^(auto_reply|bulk|junk)$/i.test((h.precedence ?? '').trim())) return true;
  return AUTO_SUBJECT.test(mail.subject.trim());
}

/** What a DSN says: the first recipient block's action and status. */
function readDeliveryStatus(status: string): { action: string; code: string | null; diagnostic: string } {
  const action = /^action:\s*(\S+)/im.exec(status)?.[1]?.toLowerCase() ?? '';
  const code = /^status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(status)?.[1] ?? null;
  const diagnostic = /^diagnostic-code:\s*(.+(?:\r?\n[ \t].+)*)/im.exec(status)?.[1] ?? '';
  return { action, code, diagnostic };
}

function bounceFromText(text: string): { kind: 'hard_bounce' | 'soft_bounce'; code: string | null } {
  const code = ENHANCED.exec(text);
  if (code && code[1] === '5') return { kind: 'hard_bounce', code: code[0] };
  if (code && code[1] === '4') return { kind: 'soft_bounce', code: code[0] };
  if (HARD_TEXT.test(text)) return { kind: 'hard_bounce', code: null };
  // A bounce whose cause cannot be read counts as soft: a contact is disabled at once only on a clear refusal.
  return { kind: 'soft_bounce', code: null };
}

/**
 * One classifier for every way mail comes back (the SMTP listener, the webhook): a DSN by its status
 * (5.x.x hard, 4.x.x or a delay soft), a bounce without a DSN by its sender, subject and common
 * texts, then automatic replies by their headers and subjects; anything else is a person's reply.
 */
export function classifyInbound(mail: InboundMail): InboundVerdict {
  const token = tokenOf(mail);
  const subject = squeeze(mail.subject, 300);
  if (mail.deliveryStatus !== null) {
    // A parser may fold the delivery-status part into the text.
    const { action, code, diagnostic } = readDeliveryStatus(mail.deliveryStatus || mail.text);
    const summary = squeeze([code, diagnostic].filter(Boolean).join(' ') || mail.text);
    if (action === 'delivered' || action === 'relayed' || action === 'expanded') return { kind: 'delivered', token, statusCode: code, subject, summary };
    if (action === 'delayed' || code?.startsWith('4')) return { kind: 'soft_bounce', token, statusCode: code, subject, summary };
    if (code?.startsWith('5')) return { kind: 'hard_bounce', token, statusCode: code, subject, summary };
    const guess = bounceFromText(`${diagnostic}\n${mail.text}`);
    return { kind: guess.kind, token, statusCode: code ?? guess.code, subject, summary };
  }
  const toBounce = mail.to.some((a) => readVerpAddress(a)?.kind === 'bounce');
  if (DAEMON.test(mail.from.trim()) || BOUNCE_SUBJECT.test(mail.subject) || (toBounce && !isAutoReply(mail) && (HARD_TEXT.test(mail.text) || SOFT_TEXT.test(mail.text) || ENHANCED.test(mail.text)))) {
    const guess = bounceFromText(mail.text);
    return { kind: guess.kind, token, statusCode: guess.code, subject, summary: squeeze(mail.text) };
  }
  if (isAutoReply(mail)) return { kind: 'auto_reply', token, statusCode: null, subject, summary: squeeze(mail.text) };
  return { kind: 'reply', token, statusCode: null, subject, summary: squeeze(ownWords(mail.text)) };
}
