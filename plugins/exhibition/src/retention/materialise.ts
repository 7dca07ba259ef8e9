import type { RecordChange, RecordData, SystemRecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { everyPage } from '../../../../platform/src/plugins/plugin-api.ts';
import { standOutcomes, standSize, type EditionInfo, type StandInfo } from './stand-outcomes.ts';

/** The fields the retention job owns on `exhibitor_edition`; the churn model's write-back and the retention task are left alone. */
const OWN_FIELDS = ['title', 'season', 'year', 'booths', 'area', 'stand_size', 'spend', 'discount', 'paid_late', 'supply_chain', 'business_role', 'region', 'editions_before', 'status', 'outcome', 'lost'] as const;

async function readAll(system: SystemRecordService, object: string, fields: string[], filter?: unknown): Promise<RecordData[]> {
  const rows: RecordData[] = [];
  for await (const page of everyPage(system, object, { fields, ...(filter ? { filter } : {}) })) rows.push(...page.data);
  return rows;
}

async function readByIds(system: SystemRecordService, object: string, fields: string[], ids: readonly string[]): Promise<Map<string, RecordData>> {
  const out = new Map<string, RecordData>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of await readAll(system, object, fields, { id: { $in: ids.slice(i, i + 500) } })) out.set(String(row.id), row);
  }
  return out;
}

interface Stand extends StandInfo {
  booths: number;
  reservations: Set<string>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
// A reservation's spend is its price after discount; one entered without a list price counts what was paid.

/**
 * Recomputes every `exhibitor_edition` record from the editions and their reserved or sold bookings:
 * new stands are created, changed ones updated (only the values that differ), stands that no longer
 * exist deleted. Returns how many records were created, changed and deleted.
 */
export async function materialiseRetention(system: SystemRecordService): Promise<{ created: number; changed: number; deleted: number }> {
  const editions = await readAll(system, 'exhibition', ['id', 'name', 'season', 'year', 'status', 'previous_edition', 'start_date']);
  const infos: EditionInfo[] = editions.map((e) => ({
    id: String(e.id), season: String(e.season), year: Number(e.year), previous: e.previous_edition ? String(e.previous_edition) : null,
    status: String(e.status ?? 'planning'), start: String(e.start_date),
  }));
  const bookings = await readAll(system, 'booth_booking', ['id', 'booth', 'exhibitor', 'reservation'], { status: { $in: ['reserved', 'sold'] } });
  const booths = await readByIds(system, 'booth', ['id', 'exhibition', 'area'], [...new Set(bookings.map((b) => String(b.booth)))]);
  const reservations = await readByIds(system, 'booth_reservation', ['id', 'price', 'amount_paid', 'discount', 'paid_on', 'balance_due_on'], [...new Set(bookings.filter((b) => b.reservation).map((b) => String(b.reservation)))]);

  const stands = new Map<string, Stand>();
  for (const b of bookings) {
    const booth = booths.get(String(b.booth));
    if (!booth) continue;
    const key = `${booth.exhibition}/${b.exhibitor}`;
    const stand = stands.get(key) ?? { edition: String(booth.exhibition), exhibitor: String(b.exhibitor), area: 0, booths: 0, reservations: new Set<string>() };
    stand.area += Number(booth.area ?? 0);
    stand.booths++;
    if (b.reservation) stand.reservations.add(String(b.reservation));
    stands.set(key, stand);
  }
  const list = [...stands.values()];
  const results = standOutcomes(infos, list);
  const accounts = await readByIds(system, 'account', ['id', 'name', 'supply_chain', 'business_role', 'region'], [...new Set(list.map((s) => s.exhibitor))]);
  const editionName = new Map(editions.map((e) => [String(e.id), String(e.name)]));

  const wanted = new Map<string, RecordData>();
  list.forEach((stand, i) => {
    const account = accounts.get(stand.exhibitor) ?? {};
    const edition = infos.find((e) => e.id === stand.edition)!;
    const paid = [...stand.reservations].map((id) => reservations.get(id)).filter((r): r is RecordData => Boolean(r));
    wanted.set(`${stand.edition}/${stand.exhibitor}`, {
      exhibitor: stand.exhibitor,
      edition: stand.edition,
      title: `${account.name ?? stand.exhibitor} · ${editionName.get(stand.edition)}`,
      season: edition.season,
      year: edition.year,
      booths: stand.booths,
      area: round2(stand.area),
      stand_size: standSize(stand.area),
      spend: round2(paid.reduce((sum, r) => sum + Number(r.price ?? r.amount_paid ?? 0), 0)),
      discount: paid.length ? Math.max(...paid.map((r) => Number(r.discount ?? 0))) : 0,
      paid_late: paid.some((r) => r.paid_on != null && r.balance_due_on != null && String(r.paid_on) > String(r.balance_due_on)),
      supply_chain: account.supply_chain ?? null,
      business_role: account.business_role ?? null,
      region: account.region ?? null,
      editions_before: results[i].editionsBefore,
      status: results[i].status,
      outcome: results[i].outcome,
      lost: results[i].lost,
    });
  });

  const existing = await readAll(system, 'exhibitor_edition', ['id', 'edition', 'exhibitor']);
  const changes: RecordChange[] = [];
  const gone: string[] = [];
  for (const row of existing) {
    const key = `${row.edition}/${row.exhibitor}`;
    const values = wanted.get(key);
    if (!values) {
      gone.push(String(row.id));
      continue;
    }
    wanted.delete(key);
    changes.push({ id: String(row.id), values: Object.fromEntries(OWN_FIELDS.map((f) => [f, values[f]])) });
  }
  const { changed } = changes.length ? await system.updateMany('exhibitor_edition', changes) : { changed: [] };
  const created = wanted.size ? await system.createMany('exhibitor_edition', [...wanted.values()]) : [];
  for (const id of gone) await system.delete('exhibitor_edition', id);
  return { created: created.length, changed: changed.length, deleted: gone.length };
}
