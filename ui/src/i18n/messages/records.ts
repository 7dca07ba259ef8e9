const en = {
  list: {
    filter: 'Filter', columns: 'Columns', import: 'Import', export: 'Export', showCharts: 'Show charts', hideCharts: 'Hide charts',
    empty: 'No records', open: 'Open', page: 'page {n}', selected: '{n} selected', transfer: 'Transfer…',
    confirmDelete: 'Move {n} records to the recycle bin?', deleted: '{n} records moved to the recycle bin.',
  },
  filter: {
    all: 'All conditions', any: 'Any condition', json: 'JSON', not: 'not', addCondition: 'Condition', clear: 'Clear',
    tooComplex: 'This filter is too complex for the builder; edit it as JSON.',
    isEmpty: 'is empty', isNotEmpty: 'is not empty', typeValues: 'Type values, Enter after each', and: 'and', or: 'or',
    ops: {
      $eq: 'equals', $ne: 'does not equal', $gt: 'greater than', $gte: 'at least', $lt: 'less than', $lte: 'at most', $in: 'is one of',
      $nin: 'is none of', $contains: 'contains', $startsWith: 'starts with', $null: 'is empty', $between: 'between',
    },
  },
  views: { title: 'Views', everything: 'All records', saveAs: 'Save current view as…', namePlaceholder: 'Name of the view', share: 'Share with everyone who sees these records', shared: 'shared', sharedBy: 'shared by {name}', mine: 'My views', others: 'Shared with me' },
  charts: {
    by: 'By {field}', byMonth: '{field} by month', count: 'Count', sum: 'Sum of {field}', avg: 'Average {field}', pie: 'Pie', bar: 'Bars',
    blank: '(empty)', nothing: 'No enum, yes/no, lookup or date fields to chart.', noData: 'No data', groupBy: 'Group by', measure: 'Measure',
  },
  import: {
    title: 'Import from CSV, XLSX or JSON', help: 'The first row names the columns (field names or labels). The file is checked first; nothing is written until you confirm.',
    choose: 'Choose a CSV, XLSX or JSON file…', browse: 'Browse', checked: '{total} rows checked: {valid} valid, {invalid} with problems.', ignored: 'Columns ignored: {columns}',
    row: 'Row', problem: 'Problem', run: 'Import {n} rows', runAnyway: 'Import the {n} good rows',
    batches: 'The rows listed are left out; the others are imported. Correct the rows listed and import them again later.',
    progress: '{processed} of {total} rows processed: {inserted} imported, {failed} failed.',
  },
  export: {
    title: 'Export as {format}', rows: '{n} of {total} rows', bytes: '{size} received', done: 'Done ({size}); your browser saves the file.',
    forPeople: 'For people', forPeopleHelp: 'Column headers, options and linked records as this page shows them, in your language.',
    codes: 'Machine codes', codesHelp: 'Field names, option codes and record ids, for other systems.', start: 'Export',
  },
  inline: {
    edit: 'Edit this cell', notHere: 'You may not change this field of this record.', pending: 'Saved; the change waits for approval.',
    stale: 'Someone changed this record meanwhile; it has been reloaded. Make your change again.',
  },
  bulkEdit: {
    action: 'Edit…', title: 'Edit {n} records', field: 'Field', value: 'New value of {field}', run: 'Apply to {n} records',
    explain: 'Each record is changed on its own: one that cannot be changed leaves the others changed.',
    summary: '{updated} changed, {pending} waiting for approval, {failed} not changed.', pending: '{n} changes wait for approval.',
    record: 'Record', reason: 'Why not',
  },
  transfer: { title: 'Transfer {n} records', owner: 'New owner', department: 'New department', keepDepartment: 'Keep the department', run: 'Transfer' },
  share: { title: 'Sharing', none: 'Not shared with anyone', with: 'Shared with', access: 'Access', read: 'Read', write: 'Read and write', add: 'Share' },
  form: {
    newTitle: 'New {object}', editTitle: 'Edit {object}', readOnly: 'read only', choose: 'Choose', chooseUser: 'Search for a person',
    chooseDepartment: 'Choose a department', searchPlaceholder: 'Type to search', computed: 'Computed by the system',
    fixErrors: 'Please correct the fields marked in red.', created: 'Created.', openExisting: 'Open the existing record', pendingApproval: 'Saved; some changes wait for approval.',
    placeholder: { email: "name{'@'}example.com", phone: '+86 10 1234 5678', url: 'https://' },
  },
  record: {
    share: 'Share', transfer: 'Transfer', related: 'Related', history: 'History', noRelated: 'No related records.', via: 'through {field}',
    openList: 'Open list', confirmDelete: 'Move this record to the recycle bin?', deleted: 'Moved to the recycle bin.',
    pendingChange: 'Some changes to this record are waiting for approval; the values shown are the current ones.',
    panelFailed: 'This panel could not be shown. Reload the page to try again.',
  },
  history: {
    empty: 'No recorded changes.', revert: 'Revert', confirmRevert: 'Set {field} back to its earlier value?', reverted: 'Reverted.', system: 'system',
    actions: { create: 'Created', update: 'Changed', revert: 'Reverted', merge: 'Merged', delete: 'Deleted', restore: 'Restored', transfer: 'Transferred' },
  },
  bin: {
    title: 'Recycle bin', allObjects: 'All objects', empty: 'The recycle bin is empty.', record: 'Record', deletedBy: 'Deleted by', deletedAt: 'Deleted at',
    restore: 'Restore', purge: 'Delete for good', confirmPurge: 'Delete this record for good? This cannot be undone.', restored: 'Restored.',
  },
};

const zhCN: typeof en = {
  list: {
    filter: '筛选', columns: '列', import: '导入', export: '导出', showCharts: '显示图表', hideCharts: '隐藏图表',
    empty: '暂无记录', open: '打开', page: '第 {n} 页', selected: '已选 {n} 条', transfer: '转移…',
    confirmDelete: '将这 {n} 条记录移入回收站？', deleted: '已将 {n} 条记录移入回收站。',
  },
  filter: {
    all: '满足全部条件', any: '满足任一条件', json: 'JSON', not: '非', addCondition: '条件', clear: '清除',
    tooComplex: '此筛选条件过于复杂，请以 JSON 编辑。',
    isEmpty: '为空', isNotEmpty: '不为空', typeValues: '输入值，每个值后按回车', and: '且', or: '或',
    ops: {
      $eq: '等于', $ne: '不等于', $gt: '大于', $gte: '大于等于', $lt: '小于', $lte: '小于等于', $in: '属于',
      $nin: '不属于', $contains: '包含', $startsWith: '开头是', $null: '为空', $between: '介于',
    },
  },
  views: { title: '视图', everything: '全部记录', saveAs: '将当前视图另存为…', namePlaceholder: '视图名称', share: '共享给能看到这些记录的所有人', shared: '已共享', sharedBy: '{name} 共享', mine: '我的视图', others: '共享给我的' },
  charts: {
    by: '按{field}', byMonth: '按月统计{field}', count: '数量', sum: '{field}合计', avg: '{field}平均值', pie: '饼图', bar: '柱状图',
    blank: '（空）', nothing: '没有可用于图表的枚举、是否、查找或日期字段。', noData: '暂无数据', groupBy: '分组', measure: '指标',
  },
  import: {
    title: '从 CSV、XLSX 或 JSON 导入', help: '第一行为列名（字段名或显示名）。系统先检查文件，确认之前不会写入任何数据。',
    choose: '选择 CSV、XLSX 或 JSON 文件…', browse: '浏览', checked: '已检查 {total} 行：{valid} 行有效，{invalid} 行有问题。', ignored: '已忽略的列：{columns}',
    row: '行', problem: '问题', run: '导入 {n} 行', runAnyway: '导入 {n} 行有效数据',
    batches: '上面列出的行不会导入，其余各行照常导入。请修改这些行后再单独导入。',
    progress: '已处理 {processed}/{total} 行：导入 {inserted} 行，失败 {failed} 行。',
  },
  export: {
    title: '导出为 {format}', rows: '{n}/{total} 行', bytes: '已接收 {size}', done: '完成（{size}），浏览器正在保存文件。',
    forPeople: '供人阅读', forPeopleHelp: '列标题、选项和关联记录与本页显示的一致，使用您的语言。',
    codes: '机器代码', codesHelp: '字段名、选项代码和记录 ID，供其他系统使用。', start: '导出',
  },
  inline: {
    edit: '编辑此单元格', notHere: '您无权修改此记录的这个字段。', pending: '已保存；此修改正在等待审批。',
    stale: '此记录已被他人修改，已重新加载，请重新修改。',
  },
  bulkEdit: {
    action: '编辑…', title: '编辑 {n} 条记录', field: '字段', value: '{field}的新值', run: '应用到 {n} 条记录',
    explain: '每条记录单独修改：无法修改的记录不影响其他记录的修改。',
    summary: '已修改 {updated} 条，{pending} 条等待审批，{failed} 条未修改。', pending: '{n} 项修改等待审批。',
    record: '记录', reason: '原因',
  },
  transfer: { title: '转移 {n} 条记录', owner: '新负责人', department: '新部门', keepDepartment: '保持原部门', run: '转移' },
  share: { title: '共享', none: '尚未共享给任何人', with: '共享给', access: '权限', read: '只读', write: '读写', add: '共享' },
  form: {
    newTitle: '新建{object}', editTitle: '编辑{object}', readOnly: '只读', choose: '请选择', chooseUser: '搜索人员',
    chooseDepartment: '选择部门', searchPlaceholder: '输入以搜索', computed: '由系统计算',
    fixErrors: '请修改标红的字段。', created: '已创建。', openExisting: '打开已有的记录', pendingApproval: '已保存；部分修改需审批后生效。',
    placeholder: { email: "name{'@'}example.com", phone: '010-1234-5678', url: 'https://' },
  },
  record: {
    share: '共享', transfer: '转移', related: '相关记录', history: '变更历史', noRelated: '没有相关记录。', via: '通过{field}',
    openList: '打开列表', confirmDelete: '将此记录移入回收站？', deleted: '已移入回收站。',
    pendingChange: '此记录的部分修改正在等待审批；当前显示的是原值。',
    panelFailed: '此面板无法显示，请刷新页面重试。',
  },
  history: {
    empty: '没有变更记录。', revert: '还原', confirmRevert: '将{field}还原为之前的值？', reverted: '已还原。', system: '系统',
    actions: { create: '创建', update: '修改', revert: '还原', merge: '合并', delete: '删除', restore: '恢复', transfer: '转移' },
  },
  bin: {
    title: '回收站', allObjects: '全部对象', empty: '回收站是空的。', record: '记录', deletedBy: '删除人', deletedAt: '删除时间',
    restore: '恢复', purge: '彻底删除', confirmPurge: '彻底删除此记录？此操作无法撤销。', restored: '已恢复。',
  },
};

export default { en, 'zh-CN': zhCN };
