/** When each queued recipient is due: batches of `ratePerMinute`, one batch per window (a minute). */
export interface PlannedSlot {
  batch: number;
  dueAt: Date;
}

export function planBatches(count: number, ratePerMinute: number, start: Date, windowSeconds: number): PlannedSlot[] {
  const rate = Math.max(1, Math.floor(ratePerMinute));
  return Array.from({ length: count }, (_, i) => {
    const batch = Math.floor(i / rate);
    return { batch, dueAt: new Date(start.getTime() + batch * windowSeconds * 1000) };
  });
}
