const en = {
  search: {
    placeholder: 'Search records', shortcut: 'Ctrl K', open: 'Search', title: 'Search', seeAll: 'See all results for “{q}”',
    nothing: 'Nothing found for “{q}”.', tooShort: 'Type at least {min} characters.', more: 'More records match: make the search more precise.',
    untitled: 'Untitled record', matchedIn: '{field}: {value}', results: 'Results', hint: 'Search names, phones, e-mails and the other fields each object is searched by.',
    keys: '↑↓ to move, Enter to open, Esc to close',
  },
};

const zhCN: typeof en = {
  search: {
    placeholder: '搜索记录', shortcut: 'Ctrl K', open: '搜索', title: '搜索', seeAll: '查看“{q}”的全部结果',
    nothing: '没有找到与“{q}”相符的记录。', tooShort: '请至少输入 {min} 个字符。', more: '还有更多记录相符，请输入更精确的内容。',
    untitled: '无标题记录', matchedIn: '{field}：{value}', results: '搜索结果', hint: '可搜索名称、电话、邮箱以及各对象设定的搜索字段。',
    keys: '↑↓ 选择，Enter 打开，Esc 关闭',
  },
};

export default { en, 'zh-CN': zhCN };
