import type { HookContext } from '../../../platform/src/plugins/plugin-api.ts';

/**
 * R15: when someone starts working (an opportunity, an activity) on an account another salesperson
 * owns, both are told, so that two people do not work the same customer without knowing.
 */
export async function warnOfSharedCustomer({ object, record, caller, system, notify }: HookContext): Promise<void> {
  if (!record?.account || !caller.userId) return;
  const account = await system.get('account', String(record.account));
  const owner = account._owner ? String(account._owner) : null;
  if (!owner || owner === caller.userId) return;
  const what = object === 'opportunity' ? { en: 'an opportunity', zh: '商机' } : { en: 'an activity', zh: '活动' };
  await notify([owner], {
    en: `${caller.username} recorded ${what.en} on your account ${String(account.name)}.`,
    'zh-CN': `${caller.username} 在您的客户 ${String(account.name)} 上记录了${what.zh}。`,
  }, { object, id: String(record.id) });
  await notify([caller.userId], {
    en: `${String(account.name)} is worked by another salesperson; talk to them before going on.`,
    'zh-CN': `客户 ${String(account.name)} 由其他销售人员负责，请先与其沟通。`,
  }, { object: 'account', id: String(account.id) });
}
