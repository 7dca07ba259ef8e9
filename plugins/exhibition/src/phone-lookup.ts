import type { Caller, MetadataView, RecordData } from '../../../platform/src/plugins/plugin-api.ts';
import { pluginError } from '../../../platform/src/plugins/plugin-api.ts';
import type { CustomerCard, LookupMatch } from './phone-lookup-answer.ts';
import { T } from './texts.ts';

/** Where a caller's number is looked for: each object and its phone fields. An object or field that does not exist is passed over. */
export const PHONE_SOURCES: readonly { object: string; fields: readonly string[] }[] = [
  { object: 'account', fields: ['phone'] },
  { object: 'contact', fields: ['phone', 'mobile'] },
  { object: 'visitor', fields: ['phone', 'mobile'] },
];

const MATCHES_PER_OBJECT = 20;
const RECENT_INTERACTIONS = 5;
const CARD_LIST_LIMIT = 20;

/** `GET /lookup?phone=`: the accounts, contacts and visitors whose phone fields hold this number, however written, as the caller may read them. */
export async function lookupPhone(phone: unknown, caller: Caller, meta: MetadataView): Promise<{ matches: LookupMatch[] }> {
  if (typeof phone !== 'string' || phone.trim() === '') throw pluginError('BAD_REQUEST', T.phoneRequired);
  const readable = async (object: string) => meta.object(object) !== undefined && (await caller.records.permits(object, 'read'));
  const matches: LookupMatch[] = [];
  for (const source of PHONE_SOURCES) {
    const def = meta.object(source.object);
    if (!def || !(await readable(source.object))) continue;
    const fields = source.fields.filter((name) => def.fields.some((f) => f.name === name && f.type === 'phone'));
    if (fields.length === 0) continue;
    const filter = { $or: fields.map((field) => ({ [field]: { $phone: phone } })) };
    const page = await caller.records.list(source.object, { filter, limit: MATCHES_PER_OBJECT, count: false });
    for (const record of page.data) {
      matches.push({ object: source.object, id: String(record.id), title: titleOf(meta, source.object, record), card: await customerCard(source.object, record, caller, meta, readable) });
    }
  }
  return { matches };
}

function titleOf(meta: MetadataView, object: string, record: RecordData): string {
  const def = meta.object(object);
  const field = def?.titleField ?? def?.fields.find((f) => f.type === 'text')?.name;
  const value = field ? record[field] : undefined;
  return value === undefined || value === null ? String(record.id) : String(value);
}

async function customerCard(object: string, record: RecordData, caller: Caller, meta: MetadataView, readable: (object: string) => Promise<boolean>): Promise<CustomerCard> {
  const id = String(record.id);
  const accountId = object === 'account' ? id : record.account ? String(record.account) : null;
  const contactId = object === 'contact' ? id : null;
  const list = async (of: string, filter: unknown, sort: string, limit: number) => (await caller.records.list(of, { filter, sort, limit, count: false })).data;
  // Activities and service requests link to an account, a contact or both.
  const about = [...(accountId ? [{ account: accountId }] : []), ...(contactId ? [{ contact: contactId }] : [])];
  const card: CustomerCard = {};
  if (object === 'contact') {
    const account = accountId && (await readable('account')) ? (await list('account', { id: accountId }, 'id', 1))[0] : undefined;
    card.account = account ? { id: accountId as string, title: titleOf(meta, 'account', account) } : null;
  }
  if (about.length === 0) return card;
  if (await readable('activity')) card.interactions = await list('activity', { $or: about }, '-_created_at', RECENT_INTERACTIONS);
  if (await readable('service_request')) card.openRequests = await list('service_request', { $or: about, status: { $ne: 'closed' } }, '-_created_at', CARD_LIST_LIMIT);
  if (accountId && (await readable('booth_reservation'))) card.reservations = await list('booth_reservation', { exhibitor: accountId }, '-_created_at', CARD_LIST_LIMIT);
  if (await readable('business_request')) card.businessRequests = await list('business_request', { $or: about, status: { $nin: ['closed', 'declined'] } }, '-_created_at', CARD_LIST_LIMIT);
  if (accountId && (await readable('journal_subscription'))) card.subscriptions = await list('journal_subscription', { account: accountId, status: { $in: ['active', 'expiring'] } }, '-ends_on', CARD_LIST_LIMIT);
  return card;
}
