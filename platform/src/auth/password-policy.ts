const CLASSES: [string, RegExp][] = [
  ['lower-case letters', /\p{Ll}/u],
  ['upper-case letters', /\p{Lu}/u],
  ['digits', /\p{Nd}/u],
  ['symbols', /[^\p{L}\p{Nd}]/u],
];

export const PASSWORD_POLICY = 'at least 10 characters, not the username, and at least 3 of: lower-case letters, upper-case letters, digits, symbols';

/** The rules a password breaks, as readable sentences; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 10) problems.push('must be at least 10 characters long');
  if (password.toLowerCase() === username.toLowerCase()) problems.push('must not be the username');
  const missing = CLASSES.filter(([, pattern]) => !pattern.test(password)).map(([name]) => name);
  if (missing.length > 1) problems.push(`must mix at least 3 of lower-case letters, upper-case letters, digits and symbols (missing ${missing.join(', ')})`);
  if (password.length > 1000) problems.push('must be at most 1000 characters long');
  return problems;
}
