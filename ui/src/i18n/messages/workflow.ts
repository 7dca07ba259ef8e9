const en = {
  workflow: {
    title: 'Approval', workflow: 'Workflow', diagram: 'Workflow diagram', notStarted: 'Not submitted yet.', noWorkflow: 'This object has no active workflow.',
    proposed: 'Changes waiting for this approval:', waitingFor: 'Waiting for:', commentPlaceholder: 'Comment (optional)', submit: 'Submit for approval', recall: 'Recall',
    events: { submit: 'Submit again', resubmit: 'Submit again', close: 'Close', cancel: 'Cancel', reopen: 'Reopen' },
    eventNames: { submit: 'Submit', resubmit: 'Submit again', approve: 'Approve', reject: 'Reject', recall: 'Recall', close: 'Close', cancel: 'Cancel', reopen: 'Reopen', escalate: 'Escalate', expire: 'Expire' },
    enteredState: 'into {state}', leftState: 'out of {state}',
    submitted: 'Submitted.', recalled: 'Recalled.', moved: 'Done.',
    legend: { current: 'current state', approval: 'approval step', final: 'end', guarded: '? conditional' },
    status: { running: 'in progress', done: 'finished', recalled: 'recalled' },
    actions: { submit: 'Submitted', transition: 'Moved', approve: 'Approved', reject: 'Rejected', recall: 'Recalled', delegate: 'Delegated', escalate: 'Escalated', remind: 'Reminded', sla_pause: 'SLA paused', sla_resume: 'SLA resumed', sla_met: 'SLA met', sla_breach: 'SLA breached' },
    sla: { due: 'due {time}', overdue: 'overdue since {time}', paused: 'paused, {h} h {m} min left', met: 'met', breached: 'breached', cancelled: 'cancelled' },
  },
  inbox: {
    title: 'Approvals', open: 'Waiting for me ({n})', done: 'Decided', notifications: 'Notifications ({n})', nothingOpen: 'Nothing is waiting for you.',
    nothingDone: 'You have not decided anything yet.', record: 'Record', decision: 'Decision', decidedAt: 'Decided at', due: 'due {time}',
    delegated: 'Passed on to you by someone else.', commentPlaceholder: 'Comment for the requester (optional)', returnTo: 'Return to',
    defaultTarget: 'the step the workflow defines', delegateTo: 'Pass on to', approve: 'Approve', reject: 'Reject', delegate: 'Delegate',
    did: { approve: 'Approved.', reject: 'Rejected.', delegate: 'Passed on.' },
    taskStatus: { open: 'open', approved: 'approved', rejected: 'rejected', cancelled: 'closed', delegated: 'passed on' },
    onlyUnread: 'Unread only', markAllRead: 'Mark all as read', markRead: 'Mark as read', noNotifications: 'No notifications.', openRecord: 'open the record',
  },
};

const zhCN: typeof en = {
  workflow: {
    title: '审批', workflow: '工作流', diagram: '流程图', notStarted: '尚未提交。', noWorkflow: '此对象没有启用的工作流。',
    proposed: '等待本次审批的修改：', waitingFor: '等待处理：', commentPlaceholder: '意见（可选）', submit: '提交审批', recall: '撤回',
    events: { submit: '重新提交', resubmit: '重新提交', close: '关闭', cancel: '取消', reopen: '重新打开' },
    eventNames: { submit: '提交', resubmit: '重新提交', approve: '同意', reject: '驳回', recall: '撤回', close: '关闭', cancel: '取消', reopen: '重新打开', escalate: '升级', expire: '过期' },
    enteredState: '进入“{state}”', leftState: '离开“{state}”',
    submitted: '已提交。', recalled: '已撤回。', moved: '已完成。',
    legend: { current: '当前状态', approval: '审批环节', final: '结束', guarded: '? 有条件' },
    status: { running: '进行中', done: '已结束', recalled: '已撤回' },
    actions: { submit: '提交', transition: '流转', approve: '同意', reject: '驳回', recall: '撤回', delegate: '转交', escalate: '升级', remind: '提醒', sla_pause: 'SLA 暂停', sla_resume: 'SLA 恢复', sla_met: 'SLA 达成', sla_breach: 'SLA 超时' },
    sla: { due: '截止 {time}', overdue: '已于 {time} 超时', paused: '已暂停，剩余 {h} 小时 {m} 分钟', met: '已达成', breached: '已超时', cancelled: '已取消' },
  },
  inbox: {
    title: '审批', open: '待我审批（{n}）', done: '已处理', notifications: '通知（{n}）', nothingOpen: '没有等待您处理的审批。',
    nothingDone: '您还没有处理过审批。', record: '记录', decision: '结果', decidedAt: '处理时间', due: '截止 {time}',
    delegated: '由他人转交给您。', commentPlaceholder: '给申请人的意见（可选）', returnTo: '退回到',
    defaultTarget: '流程定义的环节', delegateTo: '转交给', approve: '同意', reject: '驳回', delegate: '转交',
    did: { approve: '已同意。', reject: '已驳回。', delegate: '已转交。' },
    taskStatus: { open: '待处理', approved: '已同意', rejected: '已驳回', cancelled: '已关闭', delegated: '已转交' },
    onlyUnread: '只看未读', markAllRead: '全部标为已读', markRead: '标为已读', noNotifications: '没有通知。', openRecord: '打开记录',
  },
};

export default { en, 'zh-CN': zhCN };
