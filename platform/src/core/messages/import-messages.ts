/** Messages of CSV import and export. */
export const importMessages = {
  'import.lookupNoMatch': { en: "refers to '{value}', which matches no {object} record", 'zh-CN': "引用了“{value}”，但没有匹配的{object}记录" },
  'import.lookupMany': { en: "refers to '{value}', which matches {count} {object} records; use the id", 'zh-CN': "引用了“{value}”，匹配到 {count} 条{object}记录；请使用 ID" },
  'import.booleanWords': { en: 'must be true or false (yes/no, 1/0, 是/否)', 'zh-CN': '必须是 true 或 false（yes/no、1/0、是/否）' },
  'import.cellCount': { en: 'has {cells} cells but the header has {columns}', 'zh-CN': '有 {cells} 个单元格，但表头有 {columns} 列' },
  'import.rows': { en: 'rows {first}-{last}: {problem}', 'zh-CN': '第 {first}-{last} 行：{problem}' },
} as const;
