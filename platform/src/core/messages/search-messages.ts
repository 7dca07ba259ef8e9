/** Global search (`GET /api/search`). */
export const searchMessages = {
  'search.queryMissing': { en: 'Give the text to search for in q.', 'zh-CN': '请在 q 中给出要搜索的文字。' },
  'search.queryLength': { en: 'Search for {min} to {max} characters.', 'zh-CN': '搜索文字须为 {min} 到 {max} 个字符。' },
  'search.queryLengthDetail': { en: 'must be {min} to {max} characters long', 'zh-CN': '长度必须在 {min} 到 {max} 个字符之间' },
} as const;
