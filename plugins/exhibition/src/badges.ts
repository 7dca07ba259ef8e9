import type { Caller, HookContext, RecordData } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError, readBody, readId } from '../../../platform/src/plugins/plugin-api.ts';
import { newBadgeCode } from './badge-code.ts';
import { ownAccount } from './booth-holds.ts';
import { T } from './texts.ts';

export const BADGE_WORKFLOW = 'badge_approval';

/**
 * Before a badge is created: every badge gets a fresh random code (the demo's files, written by the
 * system, bring their own); a portal user's badge is for their own company's staff, a draft for the
 * organiser to approve whatever the request said; badges the organiser issues to visitors, media and
 * its own people need no review and are approved at once.
 */
export function prepareBadge({ values, caller }: HookContext): void {
  if (!values) return;
  const fromSystem = caller.userId === null;
  if (!fromSystem || !values.code) values.code = newBadgeCode();
  if (caller.portal) {
    const own = ownAccount(caller);
    if (!own) throw pluginError('FORBIDDEN', T.mayNotApply);
    if (values.holder_kind !== undefined && values.holder_kind !== 'exhibitor_staff') throw pluginError('FORBIDDEN', T.portalBadgesOnly);
    Object.assign(values, { holder_kind: 'exhibitor_staff', exhibitor: own, visitor: null, status: 'draft', checked_in_at: null });
    return;
  }
  if (fromSystem) return;
  values.checked_in_at = null;
  if (values.holder_kind === 'exhibitor_staff') values.status = 'draft';
  else values.status = 'approved';
}

/**
 * Before a badge is updated: its status moves only with its approval (the workflow's `set`) and the
 * check-in, both the system's writes; a person's edit may change the name, company or photo.
 */
export function guardBadgeStatus({ values, record, caller }: HookContext): void {
  if (caller.userId === null || !values || !record) return;
  for (const field of ['status', 'checked_in_at', 'code']) {
    if (field in values && values[field] !== record[field]) throw pluginError('FORBIDDEN', T.badgeStatusByFlow, [{ path: `/${field}`, message: T.badgeStatusByFlow }]);
  }
}

/**
 * `POST /badges/apply {exhibition, holderName, company?}`: a badge for one of the caller's staff,
 * created and submitted to `badge_approval` in one transaction (a portal user's company is their own;
 * staff name the exhibitor).
 */
export async function applyForBadge(body: unknown, caller: Caller): Promise<RecordData> {
  const input = readBody(body, ['exhibition', 'holderName', 'company', 'exhibitor', 'photo']);
  const exhibition = readId(input, 'exhibition');
  if (!exhibition) throw pluginError('BAD_REQUEST', T.bodyObject, [{ path: '/exhibition', message: T.mustBeId }]);
  const exhibitor = caller.portal ? ownAccount(caller) : readId(input, 'exhibitor');
  if (!exhibitor) throw pluginError(caller.portal ? 'FORBIDDEN' : 'BAD_REQUEST', caller.portal ? T.mayNotApply : T.noExhibitor, [{ path: '/exhibitor', message: T.mustBeId }]);
  const values = {
    exhibition, exhibitor, holder_kind: 'exhibitor_staff', holder_name: input.holderName,
    ...(input.company !== undefined ? { company: input.company } : {}), ...(input.photo !== undefined ? { photo: input.photo } : {}),
  };
  return caller.transaction(async (tx) => {
    const badge = await tx.records.create('badge', values);
    await tx.records.submit('badge', String(badge.id), { workflow: BADGE_WORKFLOW });
    return tx.records.get('badge', String(badge.id));
  });
}

/** `POST /visitors/:id/badge`: the visitor's badge for their edition, approved as issued (one per visitor: a second request answers the first). */
export async function issueVisitorBadge(visitorId: string, caller: Caller): Promise<{ created: boolean; badge: RecordData }> {
  return caller.transaction(async (tx) => {
    const visitor = await tx.records.get('visitor', visitorId);
    const existing = await tx.records.list('badge', { filter: { visitor: visitorId, status: { $ne: 'rejected' } }, limit: 1 });
    if (existing.data[0]) return { created: false, badge: existing.data[0] };
    const badge = await tx.records.create('badge', {
      exhibition: visitor.exhibition, visitor: visitorId, holder_kind: 'visitor', holder_name: visitor.name,
      ...(visitor.company ? { company: visitor.company } : {}),
    });
    return { created: true, badge };
  });
}
