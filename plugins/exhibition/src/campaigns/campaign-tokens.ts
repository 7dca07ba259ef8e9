import { createHash, randomBytes } from 'node:crypto';

/** 128 random bits in lower-case hex: safe in an address's local part, which some servers lower-case. */
const TOKEN = /^[0-9a-f]{32}$/;

export function newToken(): string {
  return randomBytes(16).toString('hex');
}

export function isToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/** Only the hash is stored: a database reader cannot forge unsubscribes or bounces from it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The per-recipient (VERP) return address: `bounce+<token>@domain` for bounces, `reply+<token>@domain` for replies. */
export function verpAddress(kind: 'bounce' | 'reply', token: string, domain: string): string {
  return `${kind}+${token}@${domain}`;
}

/** The kind and token of a VERP address, or null for any other address. */
export function readVerpAddress(address: string): { kind: 'bounce' | 'reply'; token: string } | null {
  const match = /^(bounce|reply)\+([0-9a-f]{32})@/i.exec(address.trim());
  return match ? { kind: match[1].toLowerCase() as 'bounce' | 'reply', token: match[2].toLowerCase() } : null;
}
