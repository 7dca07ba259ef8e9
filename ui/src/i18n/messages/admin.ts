const en = {
  admin: {
    checking: 'Checking…', valid: 'No problems found.', problems: '{n} problem(s)', version: 'Version', continue: 'Continue', new: 'new',
    savedVersion: 'Saved as version {n}.', liveCheck: 'Live check',
    objects: {
      title: 'Objects', new: 'New object', none: 'No objects yet.', fields: 'Fields', records: 'Records', name: 'Name (used in addresses, cannot change later)',
      confirmDelete: 'Delete the object {name}? Objects with records or pointed at by lookups cannot be deleted.', designer: 'Object designer',
      titleField: 'Title field', history: 'Fields with change history', searchFields: 'Also found by (global search)', preview: 'Form preview', tryChecks: 'Try the checks',
      lossy: 'This change could lose existing data:', force: 'Apply anyway',
    },
    fields: {
      add: 'Field', name: 'Name', type: 'Type', helpText: 'Help text', required: 'Required', unique: 'Unique', readOnly: 'Read only',
      minLength: 'Min length', maxLength: 'Max length', pattern: 'Pattern (regular expression)', min: 'Minimum', max: 'Maximum', scale: 'Decimals',
      currencyCode: 'Currency', earliest: 'Earliest', latest: 'Latest', options: 'Options', maxSelections: 'At most this many choices', freeValues: 'Free values: anyone may add a value (tags); the options are suggestions',
      target: 'Points at', onTargetDelete: 'When the target is deleted', setNull: 'Clear this field', restrict: 'Refuse the deletion',
      returns: 'Result type', expression: 'Expression', expressionHelp: 'For example:',
      default: 'Default value', noDefault: 'No default', optionValue: 'value', addOption: 'Option',
    },
    types: {
      text: 'Text', textarea: 'Long text', number: 'Number', integer: 'Whole number', currency: 'Currency', percent: 'Percent', boolean: 'Yes/no',
      date: 'Date', datetime: 'Date and time', enum: 'Choice', multienum: 'Multiple choice', email: 'E-mail', phone: 'Phone', url: 'Web address',
      lookup: 'Lookup', formula: 'Formula', json: 'JSON',
    },
    rules: {
      title: 'Validation rules', help: 'A rule refuses a save when its condition holds; its message is shown to the user in their language.',
      showBeside: 'Show the message beside…', errorWhen: 'Refuse when', message: 'Message', add: 'Rule',
    },
    org: {
      title: 'Organisation', departments: 'Departments', head: 'Head', users: 'Users', includeSub: 'Include sub-departments', newUser: 'New user',
      editUser: 'Edit user', manager: 'Manager', roles: 'Roles', active: 'Active', unlock: 'Unlock', inactive: 'inactive', unlocked: 'The account is unlocked.',
      confirmDeleteDepartment: 'Delete this department? Departments with sub-departments or users cannot be deleted.', email: 'E-mail',
      newPassword: 'New password (leave empty to keep)', passwordRules: 'At least 10 characters, not the username, with three of: lower case, upper case, digits, symbols.',
      language: 'Language', editDepartment: 'Edit department', newDepartment: 'New department', parent: 'Parent department', topLevel: 'Top level',
    },
    roles: {
      title: 'Roles', new: 'New role', superuser: 'Superuser', confirmDelete: 'Delete the role {name}? Roles that users hold cannot be deleted.',
      editor: 'Role', matrix: 'Objects and operations', details: 'Details', login: 'Login', cidrs: 'Allowed networks (CIDR)',
      cidrPlaceholder: '10.0.0.0/8, Enter after each', limitHours: 'Only during these hours', from: 'From', to: 'Until', tz: 'Time zone',
      explain: 'Explain', scopes: 'Which records (scope per operation)', scopeHelp: 'Several choices mean their union; none means the default for the operation.',
      criteria: 'Criteria (filter)', criteriaHelp: 'Filter language; $user.id, $user.department and $user.username stand for the user.',
      fields: 'Fields', otherFields: 'Every other field (*)', access: 'Access', default: 'Default', states: 'Workflow states',
      statesHelp: 'While a record is in a state, only these operations remain, and field access can only be lowered.',
      unchanged: 'unchanged', stateName: 'State', addState: 'State rule',
    },
    ops: { read: 'Read', create: 'Create', update: 'Edit', delete: 'Delete', export: 'Export', import: 'Import', transfer: 'Transfer', submit: 'Submit', approve: 'Approve' },
    scopes: { own: 'Own', subordinates: 'Subordinates', department: 'Department', department_tree: 'Department and below', all: 'All' },
    access: { write: 'Write', read: 'Read', none: 'Hidden' },
    levels: { login: 'Login', role: 'Role', department: 'Department', person: 'Person', operation: 'Operation', field: 'Field', status: 'Status' },
    explain: {
      help: 'Why may (or may not) someone do something? Each of the seven levels gives its verdict.', recordId: 'Record id (optional)',
      run: 'Explain', allowed: 'Allowed', denied: 'Not allowed', level: 'Level', reason: 'Reason',
    },
    actions: {
      kinds: { set: 'Set fields', notify: 'Notify', createRecord: 'Create a record', webhook: 'Call a web address', run: 'Run a pack action' },
      anotherField: 'another field', email: 'Also by e-mail', other: 'Other action',
    },
    duration: { minutes: 'minutes', hours: 'hours', days: 'days', weeks: 'weeks' },
    approvers: {
      user: 'A user', role: 'Holders of a role', managerOf: 'Manager of', departmentHeadOf: 'Department head of', field: 'User in field',
      pathPlaceholder: 'Choose the field that names the person', add: 'Approver',
    },
    workflows: {
      title: 'Workflows', new: 'New workflow', none: 'No workflows yet.', active: 'Active', designer: 'Workflow designer', states: 'States',
      addState: 'State', initial: 'initial state', makeInitial: 'Make initial', removeState: 'Remove state', final: 'End state',
      approvalStep: 'Approval step', approvers: 'Approvers', mode: 'Decision', modes: { any: 'First decision wins', all: 'Everyone must approve', percent: 'Vote' },
      percent: 'Approvals needed (%)', dueIn: 'Due in', transitions: 'Transitions', event: 'event', condition: 'Condition',
      addTransition: 'Transition', entryActions: 'On entry',
      timeout: 'When nobody decides in time', timeoutAfter: 'After', timeoutRemind: 'Remind the approvers',
      timeoutEscalate: 'Escalate to', timeoutEvent: 'Then move on by', timeoutNoEvent: 'no move, stay in this state',
      eventName: 'Event name', target: 'Next state', buttonTexts: 'Button texts',
    },
  },
};

const zhCN: typeof en = {
  admin: {
    checking: '检查中…', valid: '未发现问题。', problems: '{n} 个问题', version: '版本', continue: '继续', new: '新建',
    savedVersion: '已保存为版本 {n}。', liveCheck: '实时检查',
    objects: {
      title: '对象', new: '新建对象', none: '还没有对象。', fields: '字段', records: '记录', name: '名称（用于地址，之后不能修改）',
      confirmDelete: '删除对象 {name}？有记录或被查找字段引用的对象不能删除。', designer: '对象设计器',
      titleField: '标题字段', history: '记录变更历史的字段', searchFields: '全局搜索还可按这些字段查找', preview: '表单预览', tryChecks: '试一试校验',
      lossy: '此修改可能丢失现有数据：', force: '仍然应用',
    },
    fields: {
      add: '字段', name: '名称', type: '类型', helpText: '帮助文字', required: '必填', unique: '唯一', readOnly: '只读',
      minLength: '最短长度', maxLength: '最大长度', pattern: '格式（正则表达式）', min: '最小值', max: '最大值', scale: '小数位数',
      currencyCode: '币种', earliest: '最早', latest: '最晚', options: '选项', maxSelections: '最多可选数量', freeValues: '自由取值：任何人都可新增取值（标签），选项仅作建议',
      target: '指向', onTargetDelete: '目标被删除时', setNull: '清空此字段', restrict: '拒绝删除',
      returns: '结果类型', expression: '表达式', expressionHelp: '例如：',
      default: '默认值', noDefault: '不设默认值', optionValue: '值', addOption: '选项',
    },
    types: {
      text: '文本', textarea: '长文本', number: '数字', integer: '整数', currency: '金额', percent: '百分比', boolean: '是/否',
      date: '日期', datetime: '日期时间', enum: '单选', multienum: '多选', email: '电子邮箱', phone: '电话', url: '网址',
      lookup: '查找', formula: '公式', json: 'JSON',
    },
    rules: {
      title: '校验规则', help: '条件成立时拒绝保存，并以用户的语言显示提示。',
      showBeside: '提示显示在…旁', errorWhen: '以下情况拒绝', message: '提示信息', add: '规则',
    },
    org: {
      title: '组织架构', departments: '部门', head: '负责人', users: '用户', includeSub: '包含下级部门', newUser: '新建用户',
      editUser: '编辑用户', manager: '上级', roles: '角色', active: '启用', unlock: '解锁', inactive: '已停用', unlocked: '账号已解锁。',
      confirmDeleteDepartment: '删除此部门？有下级部门或用户的部门不能删除。', email: '电子邮箱',
      newPassword: '新密码（留空则不修改）', passwordRules: '至少 10 个字符，不能与用户名相同，需包含小写、大写、数字、符号中的三种。',
      language: '语言', editDepartment: '编辑部门', newDepartment: '新建部门', parent: '上级部门', topLevel: '顶级',
    },
    roles: {
      title: '角色', new: '新建角色', superuser: '超级用户', confirmDelete: '删除角色 {name}？仍有用户持有的角色不能删除。',
      editor: '角色', matrix: '对象与操作', details: '详细', login: '登录', cidrs: '允许的网络（CIDR）',
      cidrPlaceholder: '10.0.0.0/8，每项后按回车', limitHours: '仅在以下时段', from: '从', to: '至', tz: '时区',
      explain: '权限解释', scopes: '可操作的记录（各操作的范围）', scopeHelp: '多选表示取并集；不选则使用该操作的默认范围。',
      criteria: '条件（筛选）', criteriaHelp: '使用筛选语言；$user.id、$user.department、$user.username 表示当前用户。',
      fields: '字段', otherFields: '其他所有字段（*）', access: '权限', default: '默认', states: '流程状态',
      statesHelp: '记录处于某状态时，只保留这些操作，字段权限只能降低。',
      unchanged: '不变', stateName: '状态', addState: '状态规则',
    },
    ops: { read: '查看', create: '新建', update: '编辑', delete: '删除', export: '导出', import: '导入', transfer: '转移', submit: '提交', approve: '审批' },
    scopes: { own: '本人', subordinates: '下属', department: '本部门', department_tree: '本部门及下级', all: '全部' },
    access: { write: '可写', read: '只读', none: '隐藏' },
    levels: { login: '登录', role: '角色', department: '部门', person: '人员', operation: '操作', field: '字段', status: '状态' },
    explain: {
      help: '为什么某人可以（或不可以）做某件事？七个层级各自给出结论。', recordId: '记录编号（可选）',
      run: '解释', allowed: '允许', denied: '不允许', level: '层级', reason: '原因',
    },
    actions: {
      kinds: { set: '设置字段', notify: '通知', createRecord: '新建记录', webhook: '调用网址', run: '执行扩展包动作' },
      anotherField: '再加一个字段', email: '同时发送邮件', other: '其他动作',
    },
    duration: { minutes: '分钟', hours: '小时', days: '天', weeks: '周' },
    approvers: {
      user: '指定用户', role: '角色成员', managerOf: '上级（针对）', departmentHeadOf: '部门负责人（针对）', field: '字段中的用户',
      pathPlaceholder: '选择指明人员的字段', add: '审批人',
    },
    workflows: {
      title: '工作流', new: '新建工作流', none: '还没有工作流。', active: '启用', designer: '工作流设计器', states: '状态',
      addState: '状态', initial: '初始状态', makeInitial: '设为初始', removeState: '删除状态', final: '结束状态',
      approvalStep: '审批环节', approvers: '审批人', mode: '决策方式', modes: { any: '任一人决定', all: '全部同意（会签）', percent: '投票' },
      percent: '需要的同意比例（%）', dueIn: '处理期限', transitions: '流转', event: '事件', condition: '条件',
      addTransition: '流转', entryActions: '进入时',
      timeout: '超时未处理时', timeoutAfter: '超过', timeoutRemind: '提醒审批人',
      timeoutEscalate: '升级给', timeoutEvent: '然后执行', timeoutNoEvent: '不流转，停留在本状态',
      eventName: '事件名', target: '下一状态', buttonTexts: '按钮文字',
    },
  },
};

export default { en, 'zh-CN': zhCN };
