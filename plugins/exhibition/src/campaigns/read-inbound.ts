import { simpleParser, type AddressObject } from 'mailparser';
import type { InboundMail } from './classify-inbound.ts';

const MAX_PART = 64 * 1024;

const addressesOf = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);

const headerText = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  if (value && typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  return value === undefined || value === null ? '' : String(value);
};

/**
 * Parses a whole message (RFC 5322) into what the classifier reads. `envelopeTo` are the addresses
 * it was delivered to (SMTP RCPT TO); without them, its Delivered-To, To and Cc.
 */
export async function readInbound(raw: Buffer | string, envelopeTo: readonly string[] = []): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: false });
  const headers: Record<string, string> = {};
  for (const [name, value] of parsed.headers) headers[name.toLowerCase()] = headerText(value);
  let deliveryStatus: string | null = null;
  const returned: string[] = [];
  for (const part of parsed.attachments) {
    const type = part.contentType.toLowerCase();
    const text = part.content.subarray(0, MAX_PART).toString('utf8');
    if (type === 'message/delivery-status' || type === 'message/global-delivery-status') deliveryStatus = (deliveryStatus ?? '') + text;
    else if (type === 'message/rfc822' || type === 'text/rfc822-headers' || type === 'message/global' || type === 'message/global-headers') returned.push(text);
  }
  const contentType = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (deliveryStatus === null && contentType?.value === 'multipart/report' && contentType.params?.['report-type'] === 'delivery-status') deliveryStatus = '';
  const to = envelopeTo.length ? [...envelopeTo] : [headers['delivered-to'] ?? '', ...addressesOf(parsed.to), ...addressesOf(parsed.cc)].filter(Boolean);
  return {
    to,
    from: addressesOf(parsed.from)[0] ?? '',
    subject: parsed.subject ?? '',
    text: (parsed.text ?? '').slice(0, MAX_PART),
    headers,
    deliveryStatus,
    returned: returned.join('\n'),
  };
}
