/**
 * The adjusted Rand index of two labelings of the same rows (Hubert & Arabie 1985): 1 when they
 * group the rows identically (whatever the label numbers), about 0 for chance agreement.
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error('both labelings must cover the same rows');
  if (a.length < 2) return 1;
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const joint = new Map<string, number>();
  const countsA = new Map<number, number>();
  const countsB = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]}|${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    countsA.set(a[i], (countsA.get(a[i]) ?? 0) + 1);
    countsB.set(b[i], (countsB.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const n of joint.values()) index += pairs(n);
  let pairsA = 0;
  let pairsB = 0;
  for (const n of countsA.values()) pairsA += pairs(n);
  for (const n of countsB.values()) pairsB += pairs(n);
  const expected = (pairsA * pairsB) / pairs(a.length);
  const maximum = (pairsA + pairsB) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}
