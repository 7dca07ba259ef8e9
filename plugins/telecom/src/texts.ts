import type { PackText } from '../../../platform/src/plugins/plugin-api.ts';

/** The pack's messages, each in both languages. */
export const T = {
  bodyObject: { en: 'The body must be an object.', 'zh-CN': '请求正文必须是对象。' },
  mustBeIds: { en: 'must be a list of 1 to 1,000 ids', 'zh-CN': '必须是 1 至 1000 个 ID 的列表' },
  noCurrentVersion: { en: 'The tariff plan has no published version in effect yet.', 'zh-CN': '该资费套餐尚无已发布且已生效的版本。' },
  versionOfOtherPlan: { en: 'The tariff version belongs to another plan.', 'zh-CN': '该资费版本属于其他套餐。' },
  versionNotPublished: { en: 'Only a published tariff version can be subscribed to.', 'zh-CN': '只能订购已发布的资费版本。' },
  sayWhom: { en: 'Say which subscriptions to migrate: "subscribers" (ids) or "from" (a version of the plan).', 'zh-CN': '请指明要迁移的订购：“subscribers”（ID 列表）或 “from”（该套餐的某个版本）。' },
} satisfies Record<string, PackText>;
