import type { Caller } from '../../../../platform/src/plugins/plugin-api.ts';
import type { EditionOccupancy, HallOccupancy } from './occupancy-answer.ts';

/** Booth statuses that take a booth off the market for an exhibitor. */
const BOOKED = new Set(['held', 'reserved', 'sold']);
/** Booth statuses whose price counts as revenue (a hold is not an order yet). */
const ORDERED = new Set(['reserved', 'sold']);

const round = (n: number) => Math.round(n * 100) / 100;

function emptyHall(hall: HallOccupancy['hall']): HallOccupancy {
  return { hall, booths: 0, blocked: 0, sellable: 0, booked: 0, sellableArea: 0, bookedArea: 0, occupancy: null, revenue: 0, byStatus: {} };
}

function add(target: HallOccupancy, status: string, booths: number, area: number, price: number): void {
  target.booths += booths;
  const was = target.byStatus[status] ?? { booths: 0, area: 0 };
  target.byStatus[status] = { booths: was.booths + booths, area: round(was.area + area) };
  if (status === 'blocked') target.blocked += booths;
  else {
    target.sellable += booths;
    target.sellableArea = round(target.sellableArea + area);
  }
  if (BOOKED.has(status)) {
    target.booked += booths;
    target.bookedArea = round(target.bookedArea + area);
  }
  if (ORDERED.has(status)) target.revenue = round(target.revenue + price);
}

const finish = (h: HallOccupancy): HallOccupancy => ({ ...h, occupancy: h.sellableArea > 0 ? Math.round((h.bookedArea / h.sellableArea) * 10_000) / 10_000 : null });

/**
 * An edition's halls as sold so far (pre-show) or in the end (post-show): booths and area on sale,
 * booked, occupancy by area and the list revenue of reserved and sold booths, per hall and in all.
 * One grouped read of the booths, through the caller: booths they may not read are not counted.
 */
export async function editionOccupancy(editionId: string, caller: Caller): Promise<EditionOccupancy> {
  const edition = await caller.records.get('exhibition', editionId);
  const answer = await caller.heavyReads.aggregate('booth', {
    filter: { exhibition: { $eq: editionId } },
    groupBy: [{ field: 'hall' }, { field: 'status' }],
    measures: [{ fn: 'count' }, { fn: 'sum', field: 'area' }, { fn: 'sum', field: 'price' }],
    limit: 10_000,
  });
  const measure = (fn: string, field?: string) => answer.columns.find((c) => c.kind === 'measure' && c.fn === fn && (field === undefined || c.field === field))!.key;
  const [countKey, areaKey, priceKey] = [measure('count'), measure('sum', 'area'), measure('sum', 'price')];
  const titleKey = answer.columns.find((c) => c.kind === 'title')?.key;
  const halls = new Map<string, HallOccupancy>();
  const total = emptyHall(null);
  for (const row of answer.rows) {
    const id = row.hall == null ? '' : String(row.hall);
    const hall = halls.get(id) ?? emptyHall(id ? { id, name: titleKey && row[titleKey] != null ? String(row[titleKey]) : null } : null);
    const [booths, area, price, status] = [Number(row[countKey] ?? 0), Number(row[areaKey] ?? 0), Number(row[priceKey] ?? 0), String(row.status ?? 'available')];
    add(hall, status, booths, area, price);
    add(total, status, booths, area, price);
    halls.set(id, hall);
  }
  return {
    edition: { id: String(edition.id), name: String(edition.name), status: String(edition.status ?? '') },
    halls: [...halls.values()].map(finish).sort((a, b) => String(a.hall?.name ?? '').localeCompare(String(b.hall?.name ?? ''))),
    total: finish(total),
  };
}
