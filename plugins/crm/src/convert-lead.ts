import type { Caller, RecordData } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';

export interface ConvertInput {
  /** Attach to an existing account instead of creating one. */
  account?: string;
  /** Create an opportunity too (default true). */
  opportunity?: boolean;
  opportunityName?: string;
  amount?: number;
}

export interface Conversion {
  lead: RecordData;
  account: RecordData;
  contact: RecordData;
  opportunity: RecordData | null;
}

function parseInput(body: unknown): ConvertInput {
  const input = (body ?? {}) as Record<string, unknown>;
  if (typeof input !== 'object' || Array.isArray(input)) throw pluginError('BAD_REQUEST', { en: 'The body must be an object.', 'zh-CN': '请求正文必须是对象。' }, [{ path: '', message: { en: 'must be an object', 'zh-CN': '必须是对象' } }]);
  const unknown = Object.keys(input).filter((k) => !['account', 'opportunity', 'opportunityName', 'amount'].includes(k));
  if (unknown.length) throw pluginError('BAD_REQUEST', { en: `Unknown properties: ${unknown.join(', ')}.`, 'zh-CN': `未知属性：${unknown.join('、')}。` }, unknown.map((k) => ({ path: `/${k}`, message: { en: 'is not a known property', 'zh-CN': '不是已知属性' } })));
  if (input.account !== undefined && typeof input.account !== 'string') throw pluginError('BAD_REQUEST', { en: 'account must be an account id.', 'zh-CN': 'account 必须是客户 ID。' }, [{ path: '/account', message: { en: 'must be an id', 'zh-CN': '必须是 ID' } }]);
  if (input.opportunity !== undefined && typeof input.opportunity !== 'boolean') throw pluginError('BAD_REQUEST', { en: 'opportunity must be true or false.', 'zh-CN': 'opportunity 必须是 true 或 false。' }, [{ path: '/opportunity', message: { en: 'must be a boolean', 'zh-CN': '必须是布尔值' } }]);
  if (input.opportunityName !== undefined && typeof input.opportunityName !== 'string') throw pluginError('BAD_REQUEST', { en: 'opportunityName must be text.', 'zh-CN': 'opportunityName 必须是文本。' }, [{ path: '/opportunityName', message: { en: 'must be text', 'zh-CN': '必须是文本' } }]);
  if (input.amount !== undefined && typeof input.amount !== 'number') throw pluginError('BAD_REQUEST', { en: 'amount must be a number.', 'zh-CN': 'amount 必须是数字。' }, [{ path: '/amount', message: { en: 'must be a number', 'zh-CN': '必须是数字' } }]);
  return input as ConvertInput;
}

/**
 * Converts a lead (R9): an account (or the one given), a contact and an opportunity are created from
 * it, and the lead is marked converted and points at them, all in one transaction and all as the
 * caller, so every record passes their permissions, validation and dedup rules (a duplicate account
 * name is 409 with the existing id: convert again onto that account).
 */
export async function convertLead(leadId: string, body: unknown, caller: Caller): Promise<Conversion> {
  const input = parseInput(body);
  if (!(await caller.records.permits('lead', 'convert', leadId))) {
    throw pluginError('FORBIDDEN', { en: 'You are not permitted to convert this lead.', 'zh-CN': '您无权转化此线索。' });
  }
  return caller.transaction(async (tx, system) => {
    const lead = await tx.records.get('lead', leadId);
    if (lead.status === 'converted') throw pluginError('CONFLICT', { en: 'This lead has already been converted.', 'zh-CN': '此线索已转化。' }, [{ path: '/status', message: { en: 'is converted', 'zh-CN': '已转化' } }]);
    if (lead.status === 'disqualified') throw pluginError('CONFLICT', { en: 'A disqualified lead cannot be converted; qualify it first.', 'zh-CN': '已判定无效的线索不能转化，请先将其重新认定为有效。' }, [{ path: '/status', message: { en: 'is disqualified', 'zh-CN': '已判定无效' } }]);
    const account = input.account
      ? await tx.records.get('account', input.account)
      : await tx.records.create('account', {
          name: lead.company || lead.name,
          lifecycle: 'prospect',
          ...(lead.region ? { region: lead.region } : {}),
          ...(lead.industry ? { industry: lead.industry } : {}),
          ...(lead.phone ? { phone: lead.phone } : {}),
          ...(lead.email ? { email: lead.email } : {}),
        });
    const contact = await tx.records.create('contact', {
      name: lead.name,
      account: account.id,
      ...(lead.title ? { title: lead.title } : {}),
      ...(lead.phone ? { phone: lead.phone } : {}),
      ...(lead.email ? { email: lead.email } : {}),
    });
    const opportunity = input.opportunity === false ? null : await tx.records.create('opportunity', {
      name: input.opportunityName ?? `${String(account.name)}: ${String(lead.name)}`,
      account: account.id,
      contact: contact.id,
      lead: lead.id,
      stage: 'find_prospect',
      ...(input.amount ?? lead.estimated_amount ? { amount: input.amount ?? lead.estimated_amount } : {}),
      ...(lead.campaign ? { campaign: lead.campaign } : {}),
    });
    // The conversion fields are read-only for people: only the conversion writes them.
    const converted = await system.update('lead', leadId, {
      _version: lead._version,
      status: 'converted',
      converted_account: account.id,
      converted_contact: contact.id,
      ...(opportunity ? { converted_opportunity: opportunity.id } : {}),
      converted_at: new Date().toISOString(),
    });
    return { lead: converted, account, contact, opportunity };
  });
}
