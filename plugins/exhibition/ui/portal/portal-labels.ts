// Portal users read no definitions (/api/meta is closed to them), so the portal pages carry the
// labels of the few options they show, in both languages, as the objects' definitions word them.

type Labels = Record<string, { en: string; 'zh-CN': string }>;

export const REQUEST_TYPES: Labels = {
  enquiry: { en: 'Enquiry', 'zh-CN': '咨询' },
  complaint: { en: 'Complaint', 'zh-CN': '投诉' },
};

export const REQUEST_STATUS: Labels = {
  new: { en: 'New', 'zh-CN': '新建' },
  in_progress: { en: 'In progress', 'zh-CN': '处理中' },
  escalated: { en: 'In progress', 'zh-CN': '处理中' },
  closed: { en: 'Closed', 'zh-CN': '已办结' },
  declined: { en: 'Declined', 'zh-CN': '不予受理' },
};

export const SUBSCRIPTION_STATUS: Labels = {
  active: { en: 'Active', 'zh-CN': '有效' },
  expiring: { en: 'Expiring', 'zh-CN': '即将到期' },
  expired: { en: 'Expired', 'zh-CN': '已到期' },
  cancelled: { en: 'Cancelled', 'zh-CN': '已取消' },
};

export const PLACEMENT_STATUS: Labels = {
  booked: { en: 'Booked', 'zh-CN': '已预订' },
  running: { en: 'Running', 'zh-CN': '投放中' },
  finished: { en: 'Finished', 'zh-CN': '已结束' },
  cancelled: { en: 'Cancelled', 'zh-CN': '已取消' },
};

/** The label of a value in the reader's language; the value itself when unknown. */
export function labelOf(labels: Labels, value: unknown, locale: string): string {
  const label = labels[String(value)];
  return label ? label[locale === 'zh-CN' ? 'zh-CN' : 'en'] : String(value ?? '');
}
