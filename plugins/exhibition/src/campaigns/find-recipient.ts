import type { RecordData, SystemRecordService } from '../../../../platform/src/plugins/plugin-api.ts';
import { hashToken, isToken } from './campaign-tokens.ts';

/** The recipient a token was sent to, or null: the token is stored only as its hash. */
export async function recipientByToken(token: unknown, system: SystemRecordService): Promise<RecordData | null> {
  if (!isToken(token)) return null;
  const found = await system.list('campaign_recipient', { filter: { token_hash: { $eq: hashToken(token) } }, limit: 1 });
  return found.data[0] ?? null;
}
