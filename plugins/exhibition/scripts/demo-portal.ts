/**
 * The exhibitor portal's demo (docs/exhibition.md, "The exhibitor portal"): two exhibitors booked at
 * the edition in booking who sign in to the portal, one company whose application waits for the
 * sales team, and the announcements they read. Fixed choices, no random draws: the other files do not move.
 */
type Rec = Record<string, unknown>;

export const PORTAL_PASSWORD = 'Demo-pass-2026';

export function portalDemo(input: { accounts: Rec[]; reservations: Rec[]; booking: string; asOf: string }): { portalUsers: Rec[]; applications: Rec[]; announcements: Rec[] } {
  const keyOf = (value: unknown) => (value as { $key: string }).$key;
  const booked = [...new Set(input.reservations.filter((r) => keyOf(r.exhibition) === input.booking).map((r) => keyOf(r.exhibitor)))];
  const portalUsers: Rec[] = booked.slice(0, 2).map((key, i) => {
    const account = input.accounts.find((a) => a.$key === key)!;
    const domain = String(account.email).split('@')[1];
    return {
      username: `portal${i + 1}@${domain}`, password: PORTAL_PASSWORD, name: i === 0 ? '周敏' : '郑浩', email: `portal${i + 1}@${domain}`,
      language: 'zh-CN', roles: ['exhibitor_portal'], account: { object: 'account', $key: key },
    };
  });
  // A newcomer that signed up and verified its address: inactive until the application is approved.
  portalUsers.push({ username: 'apply@ganzhe.example.cn', password: PORTAL_PASSWORD, name: '韦丽', email: 'apply@ganzhe.example.cn', language: 'zh-CN', roles: [], active: false });
  const applications: Rec[] = [{
    // Submitted to the sales team's approval as a sign-up is: an open task in their queues.
    $createdAt: `${input.asOf}T02:30:00.000Z`, $workflow: { name: 'exhibitor_application_approval', at: `${input.asOf}T02:30:00.000Z` }, company_name: '广西甘蔗源糖业有限公司', supply_chain: 'raw_materials', business_role: 'producer', region: 'Guangdong',
    phone: '0771-5123456', contact_person: '韦丽', email: 'apply@ganzhe.example.cn', applicant: { $user: 'apply@ganzhe.example.cn' }, status: 'pending',
  }];
  const announcements: Rec[] = [
    {
      $createdAt: '2026-11-20T01:00:00.000Z', title: '2027 春季全国糖酒商品交易会展商手册发布', published: true, published_on: '2026-11-20', exhibition: { $key: input.booking },
      body: '展商手册已发布，内容包括布展与撤展时间、特装搭建规定、安全须知及现场服务。请于 2027 年 2 月 28 日前提交会刊信息。',
      form_url: 'https://www.example.cn/downloads/2027-spring-exhibitor-manual.pdf', form_label: '展商手册（PDF）',
    },
    {
      $createdAt: '2026-11-25T01:00:00.000Z', title: '特装展位搭建商报备表', published: true, published_on: '2026-11-25', exhibition: { $key: input.booking },
      body: '使用特装展位的展商，请下载报备表，由搭建商填写后于 2027 年 3 月 1 日前回传。',
      form_url: 'https://www.example.cn/downloads/2027-spring-stand-builder-form.docx', form_label: '搭建商报备表（Word）',
    },
    { $createdAt: '2026-11-30T01:00:00.000Z', title: '观众邀请函模板（草稿）', published: false, body: '尚未定稿，请勿发布。' },
  ];
  return { portalUsers, applications, announcements };
}
