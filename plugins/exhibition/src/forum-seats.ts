/** The seats from 1 to `capacity` that no registration holds. */
export function freeSeats(capacity: number, taken: Iterable<number>): number[] {
  const held = new Set(taken);
  const free: number[] = [];
  for (let seat = 1; seat <= capacity; seat++) if (!held.has(seat)) free.push(seat);
  return free;
}

/**
 * A free seat for a new registration, picked at random: registrations arriving together then seldom
 * pick the same seat, and the loser of a collision (the unique index) simply tries again.
 */
export function pickSeat(free: readonly number[], random: () => number = Math.random): number | null {
  if (free.length === 0) return null;
  return free[Math.min(free.length - 1, Math.floor(random() * free.length))];
}

/** Where a waiting registration stands: 1 for the next to be given a seat. */
export function rankInLine(position: number, waitingPositions: Iterable<number>): number {
  let ahead = 0;
  for (const other of waitingPositions) if (other < position) ahead++;
  return ahead + 1;
}
