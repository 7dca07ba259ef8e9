// The phone's bottom bar, the lists as cards, and the offline queue's notices.
const en = {
  bottomBar: {
    label: 'Main actions', home: 'Home', search: 'Search', inbox: 'Approvals', create: 'New',
    createTitle: 'Create', nothingToCreate: 'There is nothing you may create.',
  },
  cards: {
    more: 'Show more', loading: 'Loading…', end: 'That is all: {n} records.', noTitle: 'Untitled #{id}',
  },
  offline: {
    queued: 'Waiting for the network', sending: 'Sending…', sentState: 'Sent', failedState: 'Not saved',
    sent: 'Sent now that you are online: {what}',
    failed: 'Not saved — {what}: {reason}',
    dismiss: 'Remove',
  },
};

const zhCN: typeof en = {
  bottomBar: {
    label: '主要操作', home: '首页', search: '搜索', inbox: '审批', create: '新建',
    createTitle: '新建', nothingToCreate: '您没有可以新建的对象。',
  },
  cards: {
    more: '加载更多', loading: '加载中…', end: '已全部显示：共 {n} 条。', noTitle: '无标题 #{id}',
  },
  offline: {
    queued: '等待网络', sending: '发送中…', sentState: '已发送', failedState: '未保存',
    sent: '网络已恢复，已发送：{what}',
    failed: '未保存「{what}」：{reason}',
    dismiss: '移除',
  },
};

export default { en, 'zh-CN': zhCN };
