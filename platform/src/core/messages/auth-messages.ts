/** Messages of logging in and sessions. */
export const authMessages = {
  'auth.logInFirst': { en: 'Log in first.', 'zh-CN': '请先登录。' },
  'auth.logInWithToken': { en: 'Log in first: send Authorization: Bearer <token>.', 'zh-CN': '请先登录：发送 Authorization: Bearer <token>。' },
  'auth.csrf': { en: 'CSRF token missing or wrong', 'zh-CN': 'CSRF 令牌缺失或错误' },
  'auth.sessionEnded': { en: 'The session has expired or was ended; please log in again.', 'zh-CN': '会话已过期或已结束，请重新登录。' },
  'auth.wrongPassword': { en: 'The username or password is wrong.', 'zh-CN': '用户名或密码错误。' },
  'auth.disabled': { en: 'This account is disabled.', 'zh-CN': '此账户已停用。' },
  'auth.actingUserInactive': { en: 'The user {id} does not exist or is disabled, so nothing can be done on their behalf.', 'zh-CN': '用户 {id} 不存在或已停用，无法代其执行任何操作。' },
  'auth.locked': { en: 'This account is locked after too many failed logins until {until}; try again then or ask an administrator to unlock it.', 'zh-CN': '登录失败次数过多，此账户已锁定至 {until}；请届时重试，或请管理员解锁。' },
  'auth.outsideHours': { en: 'Your roles do not allow signing in at this time: outside allowed hours.', 'zh-CN': '您的角色不允许在此时间登录：不在允许的时段内。' },
  'auth.outsideNetwork': { en: 'Your roles do not allow signing in from this address: outside allowed network.', 'zh-CN': '您的角色不允许从此地址登录：不在允许的网络内。' },
  'auth.enterCredentials': { en: 'Enter a username and a password.', 'zh-CN': '请输入用户名和密码。' },
  'auth.usernameRequired': { en: 'username is required', 'zh-CN': '用户名为必填项' },
  'auth.passwordRequired': { en: 'password is required', 'zh-CN': '密码为必填项' },
  'auth.sessionKind': { en: "must be 'cookie' or 'token'", 'zh-CN': "必须是 'cookie' 或 'token'" },
  'auth.rateLimited': { en: 'Too many login attempts from this address; wait up to {seconds} seconds and try again.', 'zh-CN': '此地址的登录尝试过多；请最多等待 {seconds} 秒后重试。' },
} as const;
