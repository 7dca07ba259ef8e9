// Strings of the journal, advertising and business-request pages (staff and portal), merged under
// packs.exhibition.services. Labels of objects, fields and options come from the definitions (useLabels).

const en = {
  services: {
    call: { businessRequests: 'Open business requests', subscriptions: 'Journal subscriptions' },
    dispatch: {
      title: 'Dispatch {issue}',
      published: 'Published on {date}',
      explain: 'Creates one dispatch for every subscription running on the publication date. Running it again adds only what is missing.',
      run: 'Dispatch this issue',
      done: '{created} dispatches created, {existing} already there ({subscriptions} subscriptions).',
      back: 'Back to the issue',
    },
    portal: {
      requests: 'My enquiries and complaints',
      none: 'You have not sent any request yet.',
      newRequest: 'New request',
      type: 'Type',
      subject: 'Subject',
      description: 'What happened, what you need',
      send: 'Send',
      sent: 'Your request was sent; we will answer it within two working days.',
      subscriptions: 'My journal subscriptions',
      noSubscriptions: 'You have no journal subscription.',
      placements: 'My advertising',
      noPlacements: 'You have no advertising placement.',
      period: '{from} – {to}',
      copies: '{n} copies',
    },
  },
};

const zh: typeof en = {
  services: {
    call: { businessRequests: '未办结的业务请求', subscriptions: '期刊订阅' },
    dispatch: {
      title: '发行 {issue}',
      published: '出版日期 {date}',
      explain: '为出版日期在订阅期内的每份订阅生成一条发行记录。重复执行只补充缺少的记录。',
      run: '发行本期',
      done: '新建 {created} 条发行记录，已有 {existing} 条（共 {subscriptions} 份订阅）。',
      back: '返回本期',
    },
    portal: {
      requests: '我的咨询与投诉',
      none: '您还没有提交过请求。',
      newRequest: '新建请求',
      type: '类型',
      subject: '主题',
      description: '情况说明与需求',
      send: '提交',
      sent: '您的请求已提交，我们将在两个工作日内答复。',
      subscriptions: '我的期刊订阅',
      noSubscriptions: '您没有期刊订阅。',
      placements: '我的广告投放',
      noPlacements: '您没有广告投放。',
      period: '{from} 至 {to}',
      copies: '{n} 份',
    },
  },
};

export const SERVICES_MESSAGES = { en, 'zh-CN': zh };
