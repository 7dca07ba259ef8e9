import type { ErrorCode } from '../errors.ts';

/** The generic message of each error code: what a client shows when it knows nothing more. */
export const errorCodeMessages = {
  'error.BAD_REQUEST': { en: 'The request is not valid.', 'zh-CN': '请求无效。' },
  'error.INVALID_FILTER': { en: 'The filter, sort or formula is not valid.', 'zh-CN': '筛选、排序或公式无效。' },
  'error.UNAUTHENTICATED': { en: 'Log in first.', 'zh-CN': '请先登录。' },
  'error.FORBIDDEN': { en: 'You do not have permission to do this.', 'zh-CN': '您没有执行此操作的权限。' },
  'error.NOT_FOUND': { en: 'Not found.', 'zh-CN': '未找到。' },
  'error.CONFLICT': { en: 'The request conflicts with the current state.', 'zh-CN': '请求与当前状态冲突。' },
  'error.STALE_VERSION': { en: 'Someone else changed this in the meantime; reload and try again.', 'zh-CN': '此内容已被他人修改，请刷新后重试。' },
  'error.DUPLICATE': { en: 'This looks like a duplicate of an existing record.', 'zh-CN': '这似乎与已有记录重复。' },
  'error.UNIQUE_VIOLATION': { en: 'A value that must be unique is already used.', 'zh-CN': '必须唯一的值已被使用。' },
  'error.LOSSY_CHANGE': { en: 'The change would lose data.', 'zh-CN': '此更改会丢失数据。' },
  'error.VALIDATION_FAILED': { en: 'Some values are not valid.', 'zh-CN': '部分值无效。' },
  'error.LOCKED': { en: 'This is locked.', 'zh-CN': '此内容已锁定。' },
  'error.RATE_LIMITED': { en: 'Too many requests; wait a moment and try again.', 'zh-CN': '请求过多，请稍后重试。' },
  'error.PAYLOAD_TOO_LARGE': { en: 'The request is too large.', 'zh-CN': '请求过大。' },
  'error.INTERNAL': { en: 'Something went wrong on our side.', 'zh-CN': '服务器出错了。' },
} as const satisfies Record<`error.${ErrorCode}`, { en: string; 'zh-CN': string }>;
