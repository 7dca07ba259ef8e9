// What an exhibitor asked for, shown with its state on the portal's home page: one entry per object.
// Another object (badges, forum registrations, enquiries) joins the list by adding an entry here.
// Portal users read no definitions, so each entry carries its own labels.

type Text = { en: string; 'zh-CN': string };

export interface StatusSource {
  object: string;
  label: Text;
  /** The field naming each record in the list (a lookup shows its title). */
  title: string;
  sort: string;
  /** Fields shown as tags beside the title, with the labels of their values. */
  states: { field: string; values: Record<string, Text> }[];
}

const APPROVAL: Record<string, Text> = {
  sales_review: { en: 'Under review', 'zh-CN': '审核中' },
  director_review: { en: 'Awaiting the director', 'zh-CN': '待总监审批' },
  confirmed: { en: 'Confirmed', 'zh-CN': '已确认' },
  approved: { en: 'Approved', 'zh-CN': '已通过' },
  rejected: { en: 'Rejected', 'zh-CN': '已驳回' },
  draft: { en: 'Draft', 'zh-CN': '草稿' },
};

export const STATUS_SOURCES: StatusSource[] = [
  {
    object: 'exhibitor_application',
    label: { en: 'Exhibitor application', 'zh-CN': '展商申请' },
    title: 'company_name',
    sort: '-id',
    states: [{ field: '_state', values: APPROVAL }],
  },
  {
    object: 'booth_reservation',
    label: { en: 'Booth reservations', 'zh-CN': '展位预订' },
    title: 'number',
    sort: '-id',
    states: [
      { field: '_state', values: APPROVAL },
      {
        field: 'payment_status',
        values: {
          unpaid: { en: 'Unpaid', 'zh-CN': '未付款' },
          deposit_paid: { en: 'Deposit paid', 'zh-CN': '已付定金' },
          paid: { en: 'Paid', 'zh-CN': '已付清' },
          refunded: { en: 'Refunded', 'zh-CN': '已退款' },
        },
      },
    ],
  },
  {
    object: 'booth_waitlist',
    label: { en: 'Waiting lists', 'zh-CN': '候补名单' },
    title: 'booth',
    sort: '-id',
    states: [{
      field: 'status',
      values: {
        waiting: { en: 'Waiting', 'zh-CN': '候补中' },
        offered: { en: 'Offered: hold it now', 'zh-CN': '已通知，请尽快预留' },
        withdrawn: { en: 'Withdrawn', 'zh-CN': '已撤回' },
      },
    }],
  },
  {
    object: 'badge',
    label: { en: 'Badges', 'zh-CN': '证件' },
    title: 'holder_name',
    sort: '-id',
    states: [{
      field: 'status',
      values: {
        draft: { en: 'Draft', 'zh-CN': '草稿' },
        submitted: { en: 'Under review', 'zh-CN': '审核中' },
        approved: { en: 'Approved', 'zh-CN': '已批准' },
        rejected: { en: 'Rejected', 'zh-CN': '已驳回' },
        checked_in: { en: 'Checked in', 'zh-CN': '已签到' },
      },
    }],
  },
  {
    object: 'forum_registration',
    label: { en: 'Forum registrations', 'zh-CN': '论坛报名' },
    title: 'session',
    sort: '-id',
    states: [{
      field: 'status',
      values: {
        registered: { en: 'Registered', 'zh-CN': '已报名' },
        waiting: { en: 'Waiting list', 'zh-CN': '候补中' },
        cancelled: { en: 'Cancelled', 'zh-CN': '已取消' },
        attended: { en: 'Attended', 'zh-CN': '已出席' },
      },
    }],
  },
  {
    object: 'business_request',
    label: { en: 'Enquiries and complaints', 'zh-CN': '咨询与投诉' },
    title: 'subject',
    sort: '-id',
    states: [{
      field: 'status',
      values: {
        new: { en: 'Received', 'zh-CN': '已受理' },
        in_progress: { en: 'In progress', 'zh-CN': '处理中' },
        escalated: { en: 'Escalated', 'zh-CN': '已升级' },
        closed: { en: 'Closed', 'zh-CN': '已办结' },
        declined: { en: 'Declined', 'zh-CN': '不予受理' },
      },
    }],
  },
];
