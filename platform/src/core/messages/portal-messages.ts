/** Messages of portal self-registration (docs/organisation.md, "Portal sign-up"). */
export const portalMessages = {
  'portal.noSignUp': { en: 'This server takes no portal sign-ups.', 'zh-CN': '本系统不接受门户注册。' },
  'portal.signUpInvalid': { en: 'The sign-up is not valid.', 'zh-CN': '注册信息无效。' },
  'portal.email': { en: 'email must be an e-mail address of letters, digits and . _ @ - (at most 100 characters)', 'zh-CN': 'email 必须是由字母、数字及 . _ @ - 组成的电子邮件地址（最多 100 个字符）' },
  'portal.company': { en: 'company must be a JSON object', 'zh-CN': 'company 必须是 JSON 对象' },
  'portal.emailTaken': {
    en: 'This e-mail address cannot be used for a new sign-up: if it is yours, sign in at /portal, or ask the organiser to reset your password.',
    'zh-CN': '此电子邮件地址不能用于新的注册：如果这是您的地址，请在 /portal 登录，或请主办方重置密码。',
  },
  'portal.emailUnique': { en: 'email is already used', 'zh-CN': 'email 已被使用' },
  'portal.tokenRequired': { en: 'token is required', 'zh-CN': 'token 为必填项' },
  'portal.tokenInvalid': { en: 'This verification link is not valid or has expired: sign up again to receive a new one.', 'zh-CN': '此验证链接无效或已过期：请重新注册以获取新链接。' },
  'portal.rateLimited': { en: 'Too many sign-up requests from this address; wait up to {seconds} seconds and try again.', 'zh-CN': '此地址的注册请求过多；请最多等待 {seconds} 秒后重试。' },
  'portal.notPortalUser': { en: 'User {id} is not a portal user.', 'zh-CN': '用户 {id} 不是门户用户。' },
  'portal.verifySubject': { en: 'Confirm your e-mail address', 'zh-CN': '请确认您的电子邮件地址' },
  'portal.verifyText': {
    en: 'Hello {name},\n\nthank you for signing up. Open this link within {hours} hours to confirm your e-mail address:\n\n{link}\n\nIf you did not sign up, ignore this message.',
    'zh-CN': '{name}，您好：\n\n感谢您的注册。请在 {hours} 小时内打开以下链接确认您的电子邮件地址：\n\n{link}\n\n如果您没有注册，请忽略此邮件。',
  },
} as const;
