/** The seeded randomness of the packs' demo generators (plugins/<pack>/scripts/generate-demo.ts): the same files every time. */

/** mulberry32: small, fast and the same on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from one random stream: each call takes the stream's next number(s), so a stream's output depends only on its calls. */
export function randomTools(random: () => number) {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  /** Between min and max, any real number. */
  const between = (min: number, max: number) => min + random() * (max - min);
  /** One of the values, each with a chance proportional to its weight. */
  function weightedPick<T>(entries: readonly (readonly [T, number])[]): T {
    let r = random() * entries.reduce((n, [, w]) => n + w, 0);
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return entries[entries.length - 1][0];
  }
  const weighted = <T extends string>(weights: Readonly<Record<T, number>>): T => weightedPick(Object.entries(weights) as [T, number][]);
  function shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }
  return { int, chance, pick, between, weightedPick, weighted, shuffle };
}

export type RandomTools = ReturnType<typeof randomTools>;
