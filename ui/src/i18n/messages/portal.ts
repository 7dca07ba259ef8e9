const en = {
  portal: {
    title: 'Customer portal', logout: 'Log out', menu: 'Menu', home: 'Home',
    login: {
      title: 'Sign in to the portal', subtitle: 'Book booths, keep your company details up to date and follow your requests.',
      email: 'E-mail address', password: 'Password', submit: 'Sign in', noAccount: 'No account yet?', signUp: 'Sign up',
      staff: 'This is a staff account: sign in to the staff application instead.',
      pending: 'Your account is not active yet: confirm your e-mail address with the link we sent you; once the organiser has approved your application you can sign in.',
    },
    signUp: {
      title: 'Sign up', subtitle: 'Tell us about your company. We will e-mail you a link to confirm your address; the organiser then reviews your application.',
      you: 'You', company: 'Your company', name: 'Your name', email: 'E-mail address', password: 'Password', passwordHelp: 'At least 10 characters mixing three of: lower-case, upper-case, digits, symbols.',
      language: 'Language for e-mails', submit: 'Sign up', haveAccount: 'Already signed up?', signIn: 'Sign in',
      sent: 'Check your mailbox', sentText: 'We sent a link to {email}. Open it within 24 hours to confirm your address.',
      companyName: 'Company name', supplyChain: 'Supply-chain segment', businessRole: 'Business role', region: 'Region', phone: 'Phone', contactPerson: 'Contact person',
    },
    verify: {
      title: 'Confirm your e-mail address', working: 'Confirming…', done: 'Thank you: your address is confirmed.',
      review: 'The organiser is reviewing your application. We will e-mail you when your account is ready.',
      active: 'Your account is active: you can sign in.', noToken: 'This link has no token: open the link from the e-mail again.', signIn: 'Go to sign-in',
    },
    staffNotice: 'You are signed in to the staff application. The portal is for customers: their companies sign up and sign in here.',
    toStaff: 'Back to the staff application',
    noPages: 'No pages are available in the portal yet.',
  },
};

const zhCN: typeof en = {
  portal: {
    title: '客户门户', logout: '退出', menu: '菜单', home: '首页',
    login: {
      title: '登录门户', subtitle: '预订展位、维护公司资料、跟踪您的申请。',
      email: '电子邮件地址', password: '密码', submit: '登录', noAccount: '还没有账户？', signUp: '注册',
      staff: '这是员工账户：请登录员工应用。',
      pending: '您的账户尚未启用：请用我们发送的链接确认电子邮件地址；主办方审核通过您的申请后即可登录。',
    },
    signUp: {
      title: '注册', subtitle: '请填写贵公司信息。我们会发送邮件链接确认您的地址，之后由主办方审核您的申请。',
      you: '您本人', company: '贵公司', name: '您的姓名', email: '电子邮件地址', password: '密码', passwordHelp: '至少 10 个字符，包含小写字母、大写字母、数字、符号中的三类。',
      language: '邮件语言', submit: '注册', haveAccount: '已经注册？', signIn: '登录',
      sent: '请查收邮件', sentText: '我们已向 {email} 发送链接，请在 24 小时内打开以确认地址。',
      companyName: '公司名称', supplyChain: '产业链环节', businessRole: '经营角色', region: '地区', phone: '电话', contactPerson: '联系人',
    },
    verify: {
      title: '确认电子邮件地址', working: '正在确认…', done: '谢谢，您的地址已确认。',
      review: '主办方正在审核您的申请，账户开通后我们会发邮件通知您。',
      active: '您的账户已启用，可以登录。', noToken: '此链接缺少令牌：请重新打开邮件中的链接。', signIn: '去登录',
    },
    staffNotice: '您已登录员工应用。门户供客户使用：客户公司在此注册和登录。',
    toStaff: '返回员工应用',
    noPages: '门户中暂无可用页面。',
  },
};

export default { en, 'zh-CN': zhCN };
