// The portal pages' own strings (merged under packs.exhibition.portal by usePackMessages).

const en = {
  portal: {
    welcome: 'Welcome, {name}',
    announcements: 'Announcements',
    noAnnouncements: 'No announcements yet.',
    download: 'Download: {name}',
    status: 'Your requests',
    nothingAsked: 'Nothing yet: book a booth to get started.',
    book: 'Book a booth',
    edition: 'Edition',
    noEditions: 'No exhibition is taking bookings at the moment.',
    company: 'Company details',
    contacts: 'Contacts',
    addContact: 'Add a contact',
    editContact: 'Edit contact',
    save: 'Save',
    saved: 'Saved.',
    cancel: 'Cancel',
    edit: 'Edit',
    remove: 'Remove',
    removeConfirm: 'Remove {name} from your contacts?',
    removed: 'The contact was removed.',
    noContacts: 'No contacts yet.',
    field: {
      name: 'Company name', region: 'Region', phone: 'Phone', email: 'E-mail', website: 'Website', address: 'Address', description: 'About the company',
      contactName: 'Name', title: 'Job title', mobile: 'Mobile', contactPhone: 'Phone', contactEmail: 'E-mail', wechat: 'WeChat',
    },
  },
};

const zh: typeof en = {
  portal: {
    welcome: '欢迎，{name}',
    announcements: '公告',
    noAnnouncements: '暂无公告。',
    download: '下载：{name}',
    status: '您的申请与订单',
    nothingAsked: '暂无记录：预订展位即可开始。',
    book: '预订展位',
    edition: '届次',
    noEditions: '目前没有正在接受预订的展会。',
    company: '公司资料',
    contacts: '联系人',
    addContact: '添加联系人',
    editContact: '编辑联系人',
    save: '保存',
    saved: '已保存。',
    cancel: '取消',
    edit: '编辑',
    remove: '删除',
    removeConfirm: '确定从联系人中删除 {name}？',
    removed: '联系人已删除。',
    noContacts: '暂无联系人。',
    field: {
      name: '公司名称', region: '地区', phone: '电话', email: '电子邮件', website: '网站', address: '地址', description: '公司简介',
      contactName: '姓名', title: '职务', mobile: '手机', contactPhone: '电话', contactEmail: '电子邮件', wechat: '微信',
    },
  },
};

export const PORTAL_MESSAGES = { en, 'zh-CN': zh };
