/**
 * The past of a demo complaint under `complaint_handling` (the loader's `$workflow`, docs/demo-data.md):
 * submitted when it was opened, taken on within the hour, sometimes waiting for the customer, resolved
 * at its `resolved_at` and, for a closed one, closed three days later (the resolved state's timeout).
 * Its own random stream, so the other demo data stays as it was.
 */
import type { RandomTools } from '../../../platform/scripts/demo-random.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

export type ComplaintStatus = 'open' | 'in_progress' | 'waiting_customer' | 'resolved' | 'closed';

export function complaintWorkflow(status: ComplaintStatus, openedAt: Date, resolvedAt: Date | null, r: RandomTools) {
  const opened = openedAt.getTime();
  const events: { event: string; at: string }[] = [];
  if (status === 'open') return { name: 'complaint_handling', at: 'opened_at', events };
  const end = resolvedAt?.getTime() ?? null;
  // Taken on within the hour, and before it was resolved.
  const started = opened + Math.min(r.int(5, 60) * MINUTE, end === null ? Infinity : Math.floor((end - opened) / 3));
  events.push({ event: 'start', at: iso(started) });
  if (status === 'waiting_customer') {
    events.push({ event: 'wait_customer', at: iso(started + r.int(1, 6) * HOUR) });
  } else if (end !== null) {
    // One in five waited for the customer on the way.
    if (r.chance(0.2)) {
      events.push({ event: 'wait_customer', at: iso(started + Math.floor((end - started) * 0.3)) }, { event: 'resume', at: iso(started + Math.floor((end - started) * 0.6)) });
    }
    events.push({ event: 'resolve', at: 'resolved_at' });
    if (status === 'closed') events.push({ event: 'close', at: iso(end + 72 * HOUR) });
  }
  return { name: 'complaint_handling', at: 'opened_at', events };
}
