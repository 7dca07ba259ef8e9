import type { Caller, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import { badgeSheetPdf } from './badge-sheet.ts';
import { T } from './texts.ts';

const MAX_BADGES = 500;
const ID = /^[1-9][0-9]{0,18}$/;
/** Only badges that admit their holder are printed: a draft or rejected one would only be turned away at the gate. */
const PRINTABLE = ['approved', 'checked_in'];

function readFilter(text: unknown): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    const filter = JSON.parse(String(text)) as unknown;
    if (typeof filter === 'object' && filter !== null && !Array.isArray(filter)) return filter;
  } catch { /* answered below */ }
  throw pluginError('BAD_REQUEST', T.sheetFilter, [{ path: '/filter', message: T.sheetFilter }]);
}

/**
 * `GET /badges/sheet.pdf?edition=<id>&filter=<json>`: the printable badges of an edition that the
 * caller may read (a portal user's scope gives their own company's), sorted by company and name.
 * The edition's name for the heading is read by the system: a portal user may not read editions.
 */
export async function badgeSheet(query: Record<string, unknown>, caller: Caller, system: SystemRecordService): Promise<{ pdf: Buffer; fileName: string }> {
  const edition = query.edition;
  if (typeof edition !== 'string' || !ID.test(edition)) throw pluginError('BAD_REQUEST', T.sheetNeedsEdition, [{ path: '/edition', message: T.mustBeId }]);
  const extra = readFilter(query.filter);
  const filter = { $and: [{ exhibition: { $eq: edition } }, { status: { $in: PRINTABLE } }, ...(extra ? [extra] : [])] };
  const page = await caller.records.list('badge', { filter, sort: 'company,holder_name,id', limit: MAX_BADGES, count: true, fields: ['holder_name', 'company', 'holder_kind', 'code'] });
  if ((page.total ?? 0) > MAX_BADGES) throw pluginError('VALIDATION_FAILED', T.tooManyBadges, [{ path: '/filter', message: T.tooManyBadges }]);
  const exhibition: RecordData = await system.get('exhibition', edition).catch(() => ({ name: '' }));
  return { pdf: await badgeSheetPdf(page.data, String(exhibition.name ?? '')), fileName: `badges-${edition}.pdf` };
}
