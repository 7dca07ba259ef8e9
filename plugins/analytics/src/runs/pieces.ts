/** JSON fields hold at most 100,000 characters; a long list is kept in pieces that stay below. */
const PIECE_CHARS = 90_000;

/**
 * The items in consecutive pieces whose JSON stays under the limit (an item is never split), one
 * piece at a time: a caller that stores each piece before asking for the next spreads the sizing of
 * a long list over its awaits instead of holding the event loop for all of it at once.
 */
export function* inPieces<T>(items: readonly T[], limit = PIECE_CHARS): Generator<T[]> {
  let piece: T[] = [];
  let size = 2;
  for (const item of items) {
    const length = JSON.stringify(item).length + 1;
    if (piece.length && size + length > limit) {
      yield piece;
      piece = [];
      size = 2;
    }
    piece.push(item);
    size += length;
  }
  if (piece.length) yield piece;
}
