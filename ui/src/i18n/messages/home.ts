const en = {
  homePage: {
    recent: 'Recently opened', noRecent: 'Records you open appear here.', noRecords: 'Nothing here.', records: '{n} records', showAll: 'Show all',
    waitingCount: 'Approvals waiting for you', unreadCount: 'Unread notifications', failed: 'This section could not be read.',
  },
};

const zhCN: typeof en = {
  homePage: {
    recent: '最近打开', noRecent: '您打开过的记录会显示在这里。', noRecords: '暂无内容。', records: '{n} 条记录', showAll: '查看全部',
    waitingCount: '待您审批', unreadCount: '未读通知', failed: '此栏目无法读取。',
  },
};

export default { en, 'zh-CN': zhCN };
