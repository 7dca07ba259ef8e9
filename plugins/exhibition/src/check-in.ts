import type { Caller, RecordData, SystemRecordService } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError, readBody } from '../../../platform/src/plugins/plugin-api.ts';
import { BADGE_CODE, normaliseBadgeCode } from './badge-code.ts';
import { lostRace } from './lost-race.ts';
import { T } from './texts.ts';

/** The custom operation on `badge` that lets a gate's staff scan badges. */
export const CHECK_IN = 'check_in';

const shanghaiTime = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

function readCode(body: unknown): string {
  const input = readBody(body, ['code']);
  if (typeof input.code !== 'string' || !input.code.trim()) throw pluginError('BAD_REQUEST', T.codeRequired, [{ path: '/code', message: T.mustBeCode }]);
  const code = normaliseBadgeCode(input.code);
  if (!BADGE_CODE.test(code)) throw pluginError('NOT_FOUND', T.badgeNotFound);
  return code;
}

/**
 * `POST /badges/check-in {code}`: a badge admits its holder once. The write is conditional on the
 * badge's version, so of two gates scanning the same badge at the same moment one checks it in and
 * the other finds it checked in (409 with the time), as a later scan does. The badge is looked up by
 * the system: the gate's staff need `check_in` on badges, not a read scope over every exhibitor's.
 */
export async function checkIn(body: unknown, caller: Caller, system: SystemRecordService, now = new Date()): Promise<RecordData> {
  const code = readCode(body);
  if (!(await caller.records.permits('badge', CHECK_IN))) throw pluginError('FORBIDDEN', T.mayNotCheckIn);
  const [badge] = (await system.list('badge', { filter: { code }, limit: 1 })).data;
  if (!badge) throw pluginError('NOT_FOUND', T.badgeNotFound);
  if (badge.status === 'approved') {
    try {
      return await system.update('badge', String(badge.id), { _version: badge._version, status: 'checked_in', checked_in_at: now.toISOString() });
    } catch (err) {
      if (!lostRace(err)) throw err;
    }
  }
  const current = await system.get('badge', String(badge.id));
  if (current.status === 'checked_in') throw alreadyCheckedIn(current);
  throw pluginError('CONFLICT', T.badgeNotApproved, [{ path: '/status', message: T.badgeNotApproved }]);
}

function alreadyCheckedIn(badge: RecordData): Error {
  const at = shanghaiTime.format(new Date(String(badge.checked_in_at))).replace(',', '');
  return pluginError('CONFLICT', {
    en: `${String(badge.holder_name)} was already checked in at ${at}.`,
    'zh-CN': `${String(badge.holder_name)} 已于 ${at} 签到。`,
  }, [{ path: '/code', message: { en: `already checked in at ${at}`, 'zh-CN': `已于 ${at} 签到` }, checkedInAt: badge.checked_in_at, badge: String(badge.id) }]);
}
