/** Problems of calendars and of workflow SLAs, and the words the SLA clock writes. */
export const slaMessages = {
  'calendar.timezone': { en: "'{zone}' is not an IANA time zone (such as Asia/Shanghai)", 'zh-CN': "“{zone}”不是 IANA 时区（例如 Asia/Shanghai）" },
  'calendar.noDate': { en: "'{day}' is not a date of the calendar", 'zh-CN': "“{day}”不是有效的日期" },
  'calendar.rangeOrder': { en: "the range ends before it starts", 'zh-CN': '日期范围的结束早于开始' },
  'calendar.emptyPeriod': { en: 'a working period must not start and end at the same time', 'zh-CN': '工作时段的开始和结束不能相同' },
  'calendar.overlap': { en: 'the working period overlaps the one before it', 'zh-CN': '该工作时段与前一个时段重叠' },
  'calendar.noHours': { en: 'no weekday has working hours', 'zh-CN': '一周中没有任何一天有工作时间' },
  'definition.inUse': { en: "the {kind} '{name}' is still in use", 'zh-CN': "{kind}“{name}”仍在使用中" },
  'calendar.usedHere': { en: "counts working time on the calendar '{name}'", 'zh-CN': "按日历“{name}”计算工作时间" },
  'calendar.notFound': { en: "there is no calendar named '{name}'", 'zh-CN': "没有名为“{name}”的日历" },
  'wfcheck.calendarDuration': { en: 'on a calendar, say working hours, minutes or seconds (such as PT4H)', 'zh-CN': '使用日历时，请以工作小时、分钟或秒表示（例如 PT4H）' },
  'wfcheck.slaDuration': { en: 'years and months have no fixed length: say weeks, days or hours', 'zh-CN': '年和月长度不固定：请以周、天或小时表示' },
  'wfcheck.notAState': { en: "'{name}' is not one of the states", 'zh-CN': "“{name}”不是已定义的状态" },
  'wfcheck.slaDueField': { en: "'{name}' must be a writable date-time field of {object}", 'zh-CN': "“{name}”必须是 {object} 中可写的日期时间字段" },
  'wfcheck.slaTwice': { en: "another SLA is already named '{name}'", 'zh-CN': "已有名为“{name}”的 SLA" },
  'wfcheck.slaEvent': { en: "'{event}' is not an event of any state the SLA runs in", 'zh-CN': "“{event}”不是该 SLA 计时状态中的事件" },
  'workflow.slaReminder': { en: "The SLA '{sla}' of this {object} has run out", 'zh-CN': "此{object}的 SLA“{sla}”已超时" },
} as const;
