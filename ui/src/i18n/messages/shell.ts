const en = {
  login: {
    title: 'Log in', subtitle: 'Customer relationships, approvals and reports in one place.', username: 'Username', password: 'Password', submit: 'Log in',
    errors: {
      empty: 'Enter your username and password.',
      wrong: 'The username or password is wrong.',
      locked: 'This account is locked after too many failed attempts.',
      lockedUntil: 'Try again after {time}, or ask an administrator to unlock it.',
      rateLimited: 'Too many login attempts from this computer. Wait a minute and try again.',
      hours: 'You cannot log in at this time of day: your role only allows its working hours.',
      network: 'You cannot log in from this network: your role only allows certain addresses.',
      inactive: 'This account has been disabled. Ask an administrator.',
      forbidden: 'You are not allowed to log in.',
      portal: 'This is a customer portal account. Sign in to the portal instead:',
    },
  },
  shell: {
    home: 'Home', inbox: 'Approvals', unread: '{n} unread', records: 'Records', recycleBin: 'Recycle bin', admin: 'Administration',
    adminObjects: 'Objects', adminOrganisation: 'Organisation', adminRoles: 'Roles', adminWorkflows: 'Workflows', adminCalendars: 'Business hours', adminTransfer: 'Configuration transfer', logout: 'Log out',
    noObjects: 'Nothing to show', loadFailed: 'The menu could not be loaded.', toggleMenu: 'Show or hide the menu',
    unreadShort: '{n} unread notifications', language: 'Language',
  },
  home: {
    welcome: 'Welcome, {name}', openTasks: 'Approvals waiting for you', empty: 'You have no objects to work with yet.',
    emptyAdmin: 'There are no objects yet. Create the first one.', createObject: 'Create an object',
    waiting: 'Waiting for your decision', unread: 'Unread notifications', toInbox: 'All approvals', toNotifications: 'All notifications',
  },
};

const zhCN: typeof en = {
  login: {
    title: '登录', subtitle: '客户关系、审批和报表，一处管理。', username: '用户名', password: '密码', submit: '登录',
    errors: {
      empty: '请输入用户名和密码。',
      wrong: '用户名或密码错误。',
      locked: '登录失败次数过多，账号已被锁定。',
      lockedUntil: '请在 {time} 之后重试，或请管理员解锁。',
      rateLimited: '此电脑登录尝试过于频繁，请一分钟后再试。',
      hours: '当前时间不允许登录：您的角色只允许在工作时间登录。',
      network: '当前网络不允许登录：您的角色只允许从指定地址登录。',
      inactive: '该账号已停用，请联系管理员。',
      forbidden: '您无权登录。',
      portal: '这是客户门户账号，请改为登录客户门户：',
    },
  },
  shell: {
    home: '首页', inbox: '审批', unread: '{n} 条未读', records: '业务数据', recycleBin: '回收站', admin: '系统管理',
    adminObjects: '对象', adminOrganisation: '组织架构', adminRoles: '角色', adminWorkflows: '工作流', adminCalendars: '工作时间', adminTransfer: '配置迁移', logout: '退出登录',
    noObjects: '暂无内容', loadFailed: '菜单加载失败。', toggleMenu: '显示或隐藏菜单',
    unreadShort: '{n} 条未读通知', language: '语言',
  },
  home: {
    welcome: '欢迎，{name}', openTasks: '待您审批', empty: '您还没有可以使用的对象。',
    emptyAdmin: '还没有任何对象，请先创建一个。', createObject: '创建对象',
    waiting: '等待您审批', unread: '未读通知', toInbox: '全部审批', toNotifications: '全部通知',
  },
};

export default { en, 'zh-CN': zhCN };
