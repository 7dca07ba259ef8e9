const en = {
  bell: {
    title: 'Notifications', label: 'Notifications, {n} unread', none: 'No notifications yet.', markAllRead: 'Mark all read',
    seeAll: 'See all', noAccess: 'a record you can no longer open', unreadMark: 'unread',
  },
  round: {
    approved: 'Approved', rejected: 'Rejected', pending: 'Still waiting for', nobody: 'nobody yet',
    countersign: 'Everyone must approve', vote: 'Approved at {percent} % of approvers',
  },
};

const zhCN: typeof en = {
  bell: {
    title: '通知', label: '通知，{n} 条未读', none: '还没有通知。', markAllRead: '全部已读',
    seeAll: '查看全部', noAccess: '您已无法打开的记录', unreadMark: '未读',
  },
  round: {
    approved: '已同意', rejected: '已驳回', pending: '仍在等待', nobody: '暂无',
    countersign: '会签：需全部同意', vote: '{percent}% 的审批人同意即通过',
  },
};

export default { en, 'zh-CN': zhCN };
