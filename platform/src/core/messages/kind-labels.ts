import type { Label } from './message.ts';

const KINDS: Record<string, Label> = {
  object: { en: 'object', 'zh-CN': '对象' },
  role: { en: 'role', 'zh-CN': '角色' },
  workflow: { en: 'workflow', 'zh-CN': '工作流' },
  pack: { en: 'pack', 'zh-CN': '扩展包' },
  report: { en: 'report', 'zh-CN': '报表' },
  dashboard: { en: 'dashboard', 'zh-CN': '仪表板' },
  user: { en: 'user', 'zh-CN': '用户' },
  department: { en: 'department', 'zh-CN': '部门' },
};

/** A definition kind's name as a label (a pack's own kind keeps its name in both languages). */
export function kindLabel(kind: string): Label {
  return KINDS[kind] ?? { en: kind, 'zh-CN': kind };
}

/** A label with its English text capitalised, for a label that starts a sentence. */
export function capitalized(label: Label): Label {
  return label.en ? { ...label, en: label.en[0].toUpperCase() + label.en.slice(1) } : label;
}
