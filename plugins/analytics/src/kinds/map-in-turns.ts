import { setImmediate as nextTurn } from 'node:timers/promises';

/** Items mapped between two turns of the event loop: a few milliseconds of work. */
const TURN = 5_000;

/**
 * `items.map(map)` that lets the event loop turn every few thousand items: a run that maps 100,000
 * records keeps the API answering in between instead of holding it for the whole list.
 */
export async function mapInTurns<T, U>(items: readonly T[], map: (item: T, index: number) => U): Promise<U[]> {
  const out = new Array<U>(items.length);
  for (let at = 0; at < items.length; at += TURN) {
    if (at > 0) await nextTurn();
    const end = Math.min(items.length, at + TURN);
    for (let i = at; i < end; i++) out[i] = map(items[i], i);
  }
  return out;
}
