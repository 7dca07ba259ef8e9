import type { PackText } from '../../../../platform/src/plugins/plugin-api.ts';

/** The mailings' messages, each in both languages. */
export const CT = {
  mayNotSend: { en: 'You are not permitted to send this mailing.', 'zh-CN': '您无权发送此群发活动。' },
  mayNotRead: { en: 'You are not permitted to see this mailing.', 'zh-CN': '您无权查看此群发活动。' },
  notSendable: { en: 'Only a draft or approved mailing can be sent.', 'zh-CN': '只能发送草稿或已批准的群发活动。' },
  notSending: { en: 'Only a mailing being sent can be paused.', 'zh-CN': '只能暂停正在发送的群发活动。' },
  notPaused: { en: 'Only a paused mailing can be resumed.', 'zh-CN': '只能继续已暂停的群发活动。' },
  noSubject: { en: 'An e-mail needs a subject.', 'zh-CN': '电子邮件需要主题。' },
  required: { en: 'is required', 'zh-CN': '为必填项' },
  noMailServer: { en: 'No mail server is configured, so no e-mail can be sent.', 'zh-CN': '未配置邮件服务器，无法发送电子邮件。' },
  noSmsProvider: { en: 'No SMS provider is configured (TESSERA_EXHIBITION_SMS_URL), so no SMS can be sent.', 'zh-CN': '未配置短信服务（TESSERA_EXHIBITION_SMS_URL），无法发送短信。' },
  noRecipients: { en: 'No contact you may see matches the recipient filter and tags.', 'zh-CN': '没有您可见的联系人符合收件人筛选和标签。' },
  badSecret: { en: 'The shared secret is missing or wrong.', 'zh-CN': '共享密钥缺失或错误。' },
  badInbound: { en: 'Send the message as { "to": [addresses], "raw": "the whole message" }.', 'zh-CN': '请以 { "to": [地址], "raw": "完整邮件" } 的形式发送邮件。' },
  badReceipt: { en: 'Send a receipt as { "reference": "…", "status": "delivered" | "failed" }.', 'zh-CN': '请以 { "reference": "…", "status": "delivered" | "failed" } 的形式发送回执。' },
  badSmsReply: { en: 'Send an inbound SMS as { "from": "number", "text": "…" }.', 'zh-CN': '请以 { "from": "号码", "text": "…" } 的形式发送上行短信。' },
  unknownToken: { en: 'This link is not valid (any more).', 'zh-CN': '此链接无效或已失效。' },
  interrupted: { en: 'The sending was interrupted; not sent again so that nobody gets it twice.', 'zh-CN': '发送被中断；为避免重复，不再重发。' },
  replySubject: { en: 'Reply to a mailing: {subject}', 'zh-CN': '群发回复：{subject}' },
} satisfies Record<string, PackText>;

/** The unsubscribe page's words, by language. */
export const UNSUBSCRIBE_PAGE = {
  en: {
    title: 'Unsubscribe',
    ask: 'Stop receiving mailings like “{campaign}” at {address}?',
    button: 'Unsubscribe',
    done: 'Done: {address} will receive no more mailings from us.',
    invalid: 'This unsubscribe link is not valid (any more).',
  },
  'zh-CN': {
    title: '退订',
    ask: '不再向 {address} 发送类似“{campaign}”的群发邮件？',
    button: '退订',
    done: '已退订：我们将不再向 {address} 发送群发邮件。',
    invalid: '此退订链接无效或已失效。',
  },
} as const;
