import type { PackText } from '../../../platform/src/plugins/plugin-api.ts';

/** The pack's messages, each in both languages. */
export const T = {
  bodyObject: { en: 'The body must be an object.', 'zh-CN': '请求正文必须是对象。' },
  mustBeId: { en: 'must be an id', 'zh-CN': '必须是 ID' },
  mustBeIds: { en: 'must be a list of ids', 'zh-CN': '必须是 ID 列表' },
  unknownProperty: { en: 'is not a known property', 'zh-CN': '不是已知属性' },
  noExhibitor: { en: 'Say which exhibitor the booth is for.', 'zh-CN': '请指明为哪个展商预留展位。' },
  mayNotHold: { en: 'You are not permitted to hold this booth.', 'zh-CN': '您无权预留此展位。' },
  blocked: { en: 'This booth is not for sale.', 'zh-CN': '该展位不可售。' },
  notBooking: { en: 'This exhibition is not taking bookings.', 'zh-CN': '该展会当前不接受预订。' },
  rebookingOnly: { en: "Until the rebooking window ends, only last edition's exhibitors may hold booths; join the booth's waiting list instead.", 'zh-CN': '老展商续订期内只有上一届展商可以预留展位；您可以加入该展位的候补名单。' },
  priorityWindow: { en: 'During the priority window booths are allocated in order of priority points; join the booth\'s waiting list.', 'zh-CN': '优先选位期内按优先积分分配展位；请加入该展位的候补名单。' },
  holdNotFound: { en: 'There is no such hold.', 'zh-CN': '没有此预留。' },
  holdNotYours: { en: 'This hold belongs to another exhibitor.', 'zh-CN': '此预留属于其他展商。' },
  holdExpired: { en: 'This hold has expired; hold the booth again.', 'zh-CN': '此预留已过期，请重新预留展位。' },
  holdNotHeld: { en: 'This booth is no longer held; it may already be reserved.', 'zh-CN': '该展位已不在预留状态，可能已被预订。' },
  holdsOfOneExhibition: { en: 'A reservation holds booths of one exhibition and one exhibitor.', 'zh-CN': '一张预订单只能包含同一展会、同一展商的展位。' },
  mayNotReserve: { en: 'You are not permitted to reserve booths.', 'zh-CN': '您无权预订展位。' },
  discountForStaff: { en: 'Only staff may give a discount.', 'zh-CN': '只有工作人员可以给予折扣。' },
  mayNotBlock: { en: 'You are not permitted to block or unblock booths.', 'zh-CN': '您无权设置展位是否可售。' },
  blockTaken: { en: 'The booth is held, reserved or sold; release it first.', 'zh-CN': '该展位已被预留、预订或售出，请先释放。' },
  mayNotOffer: { en: 'You are not permitted to manage waiting lists.', 'zh-CN': '您无权管理候补名单。' },
  phoneRequired: { en: 'Give the phone number to look up as ?phone=.', 'zh-CN': '请以 ?phone= 提供要查找的电话号码。' },
  alreadyAvailable: { en: 'The booth is available: hold it instead of waiting.', 'zh-CN': '该展位可预订，请直接预留，无需候补。' },
  requiredText: { en: 'is required', 'zh-CN': '为必填项' },
  welcomeSubject: { en: 'Your exhibitor account is ready', 'zh-CN': '您的展商账户已开通' },
  welcomeText: {
    en: 'Your application was approved. Sign in to the exhibitor portal at /portal with your e-mail address and password to book booths and follow your orders.',
    'zh-CN': '您的申请已通过。请使用您的电子邮件地址和密码登录展商门户 /portal，预订展位并跟踪您的订单。',
  },
  refusedSubject: { en: 'Your exhibitor application', 'zh-CN': '您的展商申请' },
  refusedText: {
    en: 'We are sorry: your exhibitor application was not approved. Reply to this message or call the organiser to learn more.',
    'zh-CN': '很抱歉，您的展商申请未获通过。如需了解详情，请回复本邮件或致电主办方。',
  },
} satisfies Record<string, PackText>;
