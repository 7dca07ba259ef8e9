import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// argon2id with OWASP's recommended minimum cost (19 MiB, 2 iterations).
const OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

let dummy: Promise<string> | undefined;

/** A real hash to verify against when the user does not exist, so timing does not reveal usernames. */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(generatePassword());
  return dummy;
}
