/**
 * A seeded source of random numbers (mulberry32): the same seed gives the same sequence on every
 * machine, so a training run, a split or a sample can be repeated exactly.
 */
export interface SeededRandom {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [0, below). */
  int(below: number): number;
  /** A new seed drawn from this sequence, for an independent sequence (one per tree, say). */
  fork(): number;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below) => Math.floor(next() * below),
    fork: () => Math.floor(next() * 4294967296),
  };
}

/** Fisher–Yates, in place; returns the same array. */
export function seededShuffle<T extends { length: number; [i: number]: any }>(items: T, random: SeededRandom): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const kept = items[i];
    items[i] = items[j];
    items[j] = kept;
  }
  return items;
}

/** `size` distinct indices of [0, n), ascending (all of them when size ≥ n). */
export function sampleIndices(n: number, size: number, random: SeededRandom): Uint32Array {
  if (size >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  // Partial Fisher–Yates over a virtual identity array: only the swapped places are stored.
  const swapped = new Map<number, number>();
  const picked = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    const j = i + random.int(n - i);
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    picked[i] = atJ;
  }
  return picked.sort();
}

/** n indices of [0, n) drawn with replacement (a bootstrap sample), ascending. */
export function bootstrapIndices(n: number, random: SeededRandom): Uint32Array {
  const draws = new Uint32Array(n);
  for (let i = 0; i < n; i++) draws[random.int(n)]++;
  const picked = new Uint32Array(n);
  for (let index = 0, at = 0; index < n; index++) picked.fill(index, at, (at += draws[index]));
  return picked;
}
