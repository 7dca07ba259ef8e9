// The list's kanban and calendar views and the switch between them and the table.
const en = {
  listViews: {
    table: 'Table', kanban: 'Kanban', calendar: 'Calendar', switchLabel: 'Show the list as',
    groupBy: 'Columns by', dateField: 'Placed by', endField: 'Ends at', noEnd: 'No end',
    none: 'None', more: 'More', loadMore: 'Load more', moveTo: 'Move to', moveMenu: 'Move…',
    moved: '“{title}” moved to {column}.', notMoved: '“{title}” was not moved: {reason}',
    pending: '“{title}” waits for the approval of {workflow}; it stays in {column} meanwhile.',
    workflowOnly: 'Only the workflow “{workflow}” moves records here (after approval).', byWorkflow: 'workflow only',
    readOnly: 'You may not change {field}, so the cards cannot be moved.',
    today: 'Today', previous: 'Previous month', next: 'Next month', agendaEmpty: 'Nothing this month',
    moreInDay: '+{n} more', rescheduled: '“{title}” moved to {date}.',
    untitled: '#{id}',
  },
};

const zhCN: typeof en = {
  listViews: {
    table: '表格', kanban: '看板', calendar: '日历', switchLabel: '列表显示为',
    groupBy: '按此分列', dateField: '按此排日期', endField: '结束于', noEnd: '无结束时间',
    none: '未设置', more: '更多', loadMore: '加载更多', moveTo: '移到', moveMenu: '移动…',
    moved: '“{title}”已移到{column}。', notMoved: '“{title}”未移动：{reason}',
    pending: '“{title}”需等待{workflow}审批，审批前仍在{column}。',
    workflowOnly: '只有工作流“{workflow}”审批后才能把记录移到这里。', byWorkflow: '仅工作流',
    readOnly: '您无权修改{field}，卡片不能移动。',
    today: '今天', previous: '上个月', next: '下个月', agendaEmpty: '本月没有记录',
    moreInDay: '还有 {n} 条', rescheduled: '“{title}”已改到{date}。',
    untitled: '#{id}',
  },
};

export default { en, 'zh-CN': zhCN };
