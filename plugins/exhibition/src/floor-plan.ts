import type { Caller, RecordData } from '../../../platform/src/plugins/plugin-api.ts';
import { everyPage } from '../../../platform/src/plugins/plugin-api.ts';
import { bookingWindow, type BookingWindow } from './booking-window.ts';
import { ownAccount } from './booth-holds.ts';

export interface PlanBooth {
  id: string;
  number: string;
  type: string;
  area: number;
  price: number;
  x: number;
  y: number;
  width: number;
  depth: number;
  status: string;
  /** The exhibitor's id, when the caller may see it; for a portal user only their own. */
  exhibitor: string | null;
  /** The caller's own company holds, reserved or bought it (portal users). */
  mine: boolean;
}

export interface PlanHall {
  id: string;
  name: string;
  width: number;
  depth: number;
  planImage: string | null;
  outline: unknown;
  booths: PlanBooth[];
}

export interface FloorPlan {
  exhibition: { id: string; name: string; status: string; window: BookingWindow; holdMinutes: number };
  halls: PlanHall[];
  /** The caller's own holds at this exhibition (portal users and staff alike see the holds they may read). */
  holds: { id: string; booth: string; exhibitor: string; expiresAt: string | null }[];
}

const num = (v: unknown) => Number(v ?? 0);

/** `GET /exhibitions/:id/plan`: the halls and booths of an edition as the caller may read them, for the floor plan. */
export async function floorPlan(exhibitionId: string, caller: Caller, now = new Date()): Promise<FloorPlan> {
  const exhibition = await caller.records.get('exhibition', exhibitionId);
  const halls: PlanHall[] = [];
  for await (const page of everyPage(caller.records, 'hall', { filter: { exhibition: exhibitionId }, sort: 'name' })) {
    for (const h of page.data) {
      halls.push({ id: String(h.id), name: String(h.name), width: num(h.width), depth: num(h.depth), planImage: (h.plan_image as string) ?? null, outline: h.outline ?? null, booths: [] });
    }
  }
  const byHall = new Map(halls.map((h) => [h.id, h]));
  for await (const page of everyPage(caller.records, 'booth', { filter: { exhibition: exhibitionId }, sort: 'number' })) {
    for (const b of page.data) byHall.get(String(b.hall))?.booths.push(planBooth(b, caller));
  }
  const holds: FloorPlan['holds'] = [];
  for await (const page of everyPage(caller.records, 'booth_booking', { filter: { status: 'held', 'booth.exhibition': exhibitionId } })) {
    for (const h of page.data) holds.push({ id: String(h.id), booth: String(h.booth), exhibitor: String(h.exhibitor), expiresAt: (h.expires_at as string) ?? null });
  }
  return {
    exhibition: { id: String(exhibition.id), name: String(exhibition.name), status: String(exhibition.status), window: bookingWindow(exhibition, now), holdMinutes: num(exhibition.hold_minutes ?? 15) },
    halls,
    holds,
  };
}

function planBooth(b: RecordData, caller: Caller): PlanBooth {
  const exhibitor = b.exhibitor === undefined || b.exhibitor === null ? null : String(b.exhibitor);
  const mine = exhibitor !== null && exhibitor === ownAccount(caller);
  return {
    id: String(b.id), number: String(b.number), type: String(b.booth_type ?? 'standard'), area: num(b.area), price: num(b.price),
    x: num(b.x), y: num(b.y), width: num(b.width), depth: num(b.depth), status: String(b.status ?? 'available'),
    // A portal user learns only that a booth is taken, never by whom.
    exhibitor: caller.portal && !mine ? null : exhibitor,
    mine,
  };
}
