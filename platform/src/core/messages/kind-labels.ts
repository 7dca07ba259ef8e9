import type { Label } from './message.ts';

const KINDS: Record<string, Label> = {
  object: { en: 'object', 'zh-CN': '对象' },
  role: { en: 'role', 'zh-CN': '角色' },
  workflow: { en: 'workflow', 'zh-CN': '工作流' },
  pack: { en: 'pack', 'zh-CN': '扩展包' },
  calendar: { en: 'calendar', 'zh-CN': '日历' },
  user: { en: 'user', 'zh-CN': '用户' },
  department: { en: 'department', 'zh-CN': '部门' },
};

/** A kind as messages name it: a platform kind's name, or a pack's kind with the label it was registered with. */
export type KindNaming = string | { readonly kind: string; readonly label?: Label };

/** A definition kind's name as a label (a pack's kind registered without a label keeps its name in both languages). */
export function kindLabel(kind: KindNaming): Label {
  if (typeof kind === 'string') return labelOrName(KINDS, kind);
  return kind.label ?? labelOrName(KINDS, kind.kind);
}

/** The label a table gives a name; a name it does not know stands for itself in both languages. */
function labelOrName(table: Record<string, Label>, name: string): Label {
  return table[name] ?? { en: name, 'zh-CN': name };
}

/** A label with its English text capitalised, for a label that starts a sentence. */
export function capitalized(label: Label): Label {
  return label.en ? { ...label, en: label.en[0].toUpperCase() + label.en.slice(1) } : label;
}

const OPERATIONS: Record<string, Label> = {
  create: { en: 'create', 'zh-CN': '新建' },
  read: { en: 'read', 'zh-CN': '查看' },
  update: { en: 'update', 'zh-CN': '修改' },
  delete: { en: 'delete', 'zh-CN': '删除' },
  export: { en: 'export', 'zh-CN': '导出' },
  import: { en: 'import', 'zh-CN': '导入' },
  restore: { en: 'restore', 'zh-CN': '恢复' },
  share: { en: 'share', 'zh-CN': '共享' },
  submit: { en: 'submit', 'zh-CN': '提交' },
};

/** An operation's name as a label; an unknown one keeps its name. */
export function operationLabel(operation: string): Label {
  return labelOrName(OPERATIONS, operation);
}

/** A field or object named in a message: its name in English (as clients match on it), its label in Chinese. */
export function nameLabel(thing: { name: string; label?: Label }): Label {
  return { en: thing.name, 'zh-CN': thing.label?.['zh-CN'] ?? thing.name };
}

/** An object's label, or its name when it has none. */
export function objectLabel(object: { name: string; label?: Label }): Label {
  return { en: object.label?.en ?? object.name, 'zh-CN': object.label?.['zh-CN'] ?? object.label?.en ?? object.name };
}
