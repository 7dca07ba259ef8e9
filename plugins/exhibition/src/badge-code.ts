import { randomBytes } from 'node:crypto';

/** Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or typed from a badge is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 16;

/** A badge's code: 16 characters of 5 random bits each (80 bits), so a code cannot be guessed from another. */
export function newBadgeCode(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(LENGTH);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

/** A scanned or typed code as stored: trimmed, upper case, without the spaces and dashes a person adds. */
export function normaliseBadgeCode(text: string): string {
  return text.trim().toUpperCase().replace(/[\s-]/g, '');
}

export const BADGE_CODE = /^[0-9A-HJKMNP-TV-Z]{16}$/;
