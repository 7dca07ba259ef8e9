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
  if (typeof input !== 'object' || Array.isArray(input)) throw pluginError('BAD_REQUEST', 'The body must be an object.', [{ path: '', message: 'must be an object' }]);
  const unknown = Object.keys(input).filter((k) => !['account', 'opportunity', 'opportunityName', 'amount'].includes(k));
  if (unknown.length) throw pluginError('BAD_REQUEST', `Unknown properties: ${unknown.join(', ')}.`, unknown.map((k) => ({ path: `/${k}`, message: 'is not a known property' })));
  if (input.account !== undefined && typeof input.account !== 'string') throw pluginError('BAD_REQUEST', 'account must be an account id.', [{ path: '/account', message: 'must be an id' }]);
  if (input.opportunity !== undefined && typeof input.opportunity !== 'boolean') throw pluginError('BAD_REQUEST', 'opportunity must be true or false.', [{ path: '/opportunity', message: 'must be a boolean' }]);
  if (input.opportunityName !== undefined && typeof input.opportunityName !== 'string') throw pluginError('BAD_REQUEST', 'opportunityName must be text.', [{ path: '/opportunityName', message: 'must be text' }]);
  if (input.amount !== undefined && typeof input.amount !== 'number') throw pluginError('BAD_REQUEST', 'amount must be a number.', [{ path: '/amount', message: 'must be a number' }]);
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
    throw pluginError('FORBIDDEN', 'You are not permitted to convert this lead.');
  }
  return caller.transaction(async (tx, system) => {
    const lead = await tx.records.get('lead', leadId);
    if (lead.status === 'converted') throw pluginError('CONFLICT', 'This lead has already been converted.', [{ path: '/status', message: 'is converted' }]);
    if (lead.status === 'disqualified') throw pluginError('CONFLICT', 'A disqualified lead cannot be converted; qualify it first.', [{ path: '/status', message: 'is disqualified' }]);
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
