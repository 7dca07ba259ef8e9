/**
 * The churn planted in the exhibition pack's demo (docs/exhibition.md, "Demo data"), counted from
 * stands: one exhibitor's reserved or sold booths at one edition. The unit test feeds it the demo
 * files, the integration test what the records API answers, and both compare with DEMO_CHURN; the
 * counting is the pack's own (plugins/exhibition/src/retention/stand-outcomes.ts).
 */
import { standOutcomes, standSize, type EditionInfo } from '../../../plugins/exhibition/src/retention/stand-outcomes.ts';

export interface Stand {
  /** `<season>_<year>`, e.g. spring_2025. */
  edition: string;
  exhibitor: string;
  segment: string;
  /** Square metres of the exhibitor's booths at the edition. */
  area: number;
  /** Paid in full after the balance was due. */
  late: boolean;
}

export interface Tally { exhibitors: number; lost: number }

/** Each edition and the same season's next one; spring 2027 is still selling, so its line counts who booked so far. */
export const NEXT_EDITION: Record<string, string> = { spring_2025: 'spring_2026', autumn_2025: 'autumn_2026', spring_2026: 'spring_2027' };
/** The editions whose next edition has closed: the churn a year on. */
const COMPLETE = ['spring_2025', 'autumn_2025'];
const SELLING = new Set(['spring_2027']);

/** The demo's editions as the pack's retention sees them, from the stands' `<season>_<year>` keys. */
function editionsOf(stands: readonly Stand[]): EditionInfo[] {
  const keys = new Set(stands.map((s) => s.edition));
  return [...keys].map((id) => {
    const [season, year] = id.split('_');
    const previous = `${season}_${Number(year) - 1}`;
    return { id, season, year: Number(year), previous: keys.has(previous) ? previous : null, status: SELLING.has(id) ? 'booking' : 'closed', start: `${year}-${season === 'spring' ? '03' : '10'}-01` };
  });
}

/** The figures, counted by the pack's own retention (`standOutcomes`). */
export function churnFigures(stands: readonly Stand[]) {
  const results = standOutcomes(editionsOf(stands), stands);
  const rows = stands.map((s, i) => ({ ...s, ...results[i] }));
  const at = (edition: string) => rows.filter((r) => r.edition === edition);
  const transitions = Object.entries(NEXT_EDITION).map(([from, to]) => {
    const before = at(from);
    const retained = before.filter((r) => r.outcome === 'retained').length;
    return { from, to, exhibitors: before.length, retained, lost: before.length - retained, new: at(to).filter((r) => r.status !== 'returning').length };
  });
  const by = (group: (s: Stand) => string) => {
    const out: Record<string, Tally> = {};
    for (const r of rows.filter((row) => COMPLETE.includes(row.edition))) {
      const tally = (out[group(r)] ??= { exhibitors: 0, lost: 0 });
      tally.exhibitors++;
      if (r.lost) tally.lost++;
    }
    return out;
  };
  const exhibitors: Record<string, number> = {};
  for (const r of rows) exhibitors[r.edition] = (exhibitors[r.edition] ?? 0) + 1;
  return {
    exhibitors,
    transitions,
    bySegment: by((s) => s.segment),
    bySize: by((s) => (standSize(s.area) === 'one_booth_9m2' ? 'one_booth_9m2' : 'larger')),
    byPayment: by((s) => (s.late ? 'late' : 'on_time')),
  };
}

/** The figures docs/exhibition.md gives ("lost" towards spring 2027: not booked yet). */
export const DEMO_CHURN = {
  exhibitors: { spring_2025: 132, autumn_2025: 100, spring_2026: 134, autumn_2026: 102, spring_2027: 62 },
  transitions: [
    { from: 'spring_2025', to: 'spring_2026', exhibitors: 132, retained: 98, lost: 34, new: 36 },
    { from: 'autumn_2025', to: 'autumn_2026', exhibitors: 100, retained: 71, lost: 29, new: 31 },
    { from: 'spring_2026', to: 'spring_2027', exhibitors: 134, retained: 56, lost: 78, new: 6 },
  ],
  bySegment: { raw_materials: { exhibitors: 57, lost: 11 }, finished_goods: { exhibitors: 117, lost: 26 }, peripheral: { exhibitors: 58, lost: 26 } },
  bySize: { one_booth_9m2: { exhibitors: 172, lost: 53 }, larger: { exhibitors: 60, lost: 10 } },
  byPayment: { on_time: { exhibitors: 191, lost: 44 }, late: { exhibitors: 41, lost: 19 } },
};
