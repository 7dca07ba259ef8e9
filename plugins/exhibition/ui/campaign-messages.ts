// The mailing page's own strings (merged under packs.exhibition_mailing by usePackMessages).

const en = {
  title: 'Mailing progress',
  record: 'Open the record',
  send: 'Send',
  pause: 'Pause',
  resume: 'Resume',
  confirmSend: 'Send “{name}” to its recipients now?',
  sent: 'Sending has started.',
  paused: 'Sending is paused.',
  resumed: 'Sending goes on.',
  of: '{n} of {total}',
  bars: { sent: 'Sent', failed: 'Failed', bounced: 'Bounced', replied: 'Replied', unsubscribed: 'Unsubscribed', skipped: 'Skipped', queued: 'Waiting' },
  total: 'Recipients: {n}',
  next: 'Next batch at {at}',
  notStarted: 'Not sent yet: sending finds the recipients by the filter and tags.',
};

const zh: typeof en = {
  title: '群发进度',
  record: '打开记录',
  send: '发送',
  pause: '暂停',
  resume: '继续',
  confirmSend: '现在向收件人发送“{name}”？',
  sent: '已开始发送。',
  paused: '已暂停发送。',
  resumed: '已继续发送。',
  of: '{n} / {total}',
  bars: { sent: '已发送', failed: '发送失败', bounced: '退信', replied: '已回复', unsubscribed: '已退订', skipped: '已跳过', queued: '等待中' },
  total: '收件人：{n}',
  next: '下一批：{at}',
  notStarted: '尚未发送：发送时按筛选条件和标签确定收件人。',
};

export const MAILING_MESSAGES = { en, 'zh-CN': zh };
