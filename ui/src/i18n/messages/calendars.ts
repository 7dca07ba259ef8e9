const en = {
  calendars: {
    title: 'Business hours', new: 'New calendar', none: 'No calendars yet.',
    intro: 'Working hours, holidays and make-up working days. Workflow timeouts and SLAs on a calendar count only its working time.',
    timezone: 'Time zone', hours: 'Working hours', holidays: 'Holidays', workdays: 'Make-up working days',
    holidaySummary: '{n} holiday(s), {days} day(s)', holidayCount: '{n} holiday(s)', dayCount: '{n} day(s)',
    days: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
    closed: 'Closed', period: 'Period', removePeriod: 'Remove the period', copyMonday: "Copy Monday's hours to Tuesday–Friday",
    date: 'Date', until: 'Until (optional)', holidayName: 'Name, such as National Day', addHoliday: 'Holiday', noHolidays: 'No holidays.',
    addWorkday: 'Make-up day', noWorkdays: 'No make-up working days.',
    workdaysHelp: "Weekend days worked in exchange for a holiday: they have Monday's hours.",
    confirmDelete: 'Delete the calendar {name}? A calendar that a workflow counts on cannot be deleted.',
    unsaved: 'The calendar has unsaved changes. Leave without saving them?', unsavedTitle: 'Unsaved changes', leave: 'Leave', stay: 'Stay',
    reload: 'Load the current version (your changes are lost)',
    preview: 'When is it due?', previewHelp: 'The moment a number of working hours from a start runs out, as workflows count it.',
    previewUnsaved: 'The preview uses the saved calendar: save your changes first.',
    previewStart: 'Start (your time)', previewHours: 'Working hours', previewCompute: 'Compute', previewDue: 'Due',
    previewFrom: 'from {start}, {hours} working hour(s)',
  },
};

const zhCN: typeof en = {
  calendars: {
    title: '工作时间', new: '新建日历', none: '尚无日历。',
    intro: '工作时段、节假日和调休上班日。使用日历的工作流超时和 SLA 只计算其中的工作时间。',
    timezone: '时区', hours: '工作时段', holidays: '节假日', workdays: '调休上班日',
    holidaySummary: '{n} 个节假日，共 {days} 天', holidayCount: '{n} 个节假日', dayCount: '{n} 天',
    days: { mon: '星期一', tue: '星期二', wed: '星期三', thu: '星期四', fri: '星期五', sat: '星期六', sun: '星期日' },
    closed: '休息', period: '时段', removePeriod: '删除该时段', copyMonday: '将星期一的时段复制到星期二至星期五',
    date: '日期', until: '结束日期（可选）', holidayName: '名称，例如国庆节', addHoliday: '节假日', noHolidays: '没有节假日。',
    addWorkday: '调休上班日', noWorkdays: '没有调休上班日。',
    workdaysHelp: '为节假日调休而上班的周末：按星期一的时段上班。',
    confirmDelete: '删除日历 {name}？工作流正在使用的日历不能删除。',
    unsaved: '日历有未保存的修改。不保存就离开吗？', unsavedTitle: '未保存的修改', leave: '离开', stay: '留下',
    reload: '载入当前版本（您的修改将丢失）',
    preview: '何时到期？', previewHelp: '从开始时刻起经过若干工作小时后的时刻，与工作流的计算方式相同。',
    previewUnsaved: '预览使用已保存的日历：请先保存修改。',
    previewStart: '开始（您的时间）', previewHours: '工作小时', previewCompute: '计算', previewDue: '到期',
    previewFrom: '自 {start} 起，{hours} 个工作小时',
  },
};

export default { en, 'zh-CN': zhCN };
