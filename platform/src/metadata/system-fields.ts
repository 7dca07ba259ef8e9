import type { FieldInfo, ObjectInfo } from '../core/snapshot-types.ts';
import type { Field, ObjectDefinition } from '../generated/object.ts';

const sys = (name: string, type: FieldInfo['type'], en: string, zh: string, target?: string): FieldInfo => ({
  name,
  type,
  label: { en, 'zh-CN': zh },
  system: true,
  column: name,
  ...(target ? { target } : {}),
});

/** Every record carries these, in this order, before its own fields. */
export const SYSTEM_FIELDS: readonly FieldInfo[] = [
  sys('id', 'id', 'ID', '编号'),
  sys('_version', 'integer', 'Version', '版本'),
  sys('_owner', 'lookup', 'Owner', '负责人', 'user'),
  sys('_department', 'lookup', 'Department', '部门', 'department'),
  sys('_state', 'text', 'Workflow state', '流程状态'),
  sys('_created_at', 'datetime', 'Created at', '创建时间'),
  sys('_created_by', 'lookup', 'Created by', '创建人', 'user'),
  sys('_updated_at', 'datetime', 'Updated at', '更新时间'),
];

export const SYSTEM_FIELD_NAMES: ReadonlySet<string> = new Set(SYSTEM_FIELDS.map((f) => f.name));

function builtInObject(name: string, table: string, label: ObjectInfo['label'], fields: Field[], titleField: string): ObjectInfo {
  const definition: ObjectDefinition = { name, label, fields, titleField };
  const fieldInfos: FieldInfo[] = [
    sys('id', 'id', 'ID', '编号'),
    ...fields.map((f) => ({
      name: f.name,
      type: f.type,
      label: f.label ?? { en: f.name },
      system: true,
      column: f.name,
      ...(f.target ? { target: f.target } : {}),
    })),
  ];
  return {
    name,
    label,
    system: true,
    table,
    version: 0,
    definition,
    fields: new Map(fieldInfos.map((f) => [f.name, f])),
    customFields: [],
    titleField,
    history: new Set(),
  };
}

/** Users and departments are platform tables that records point at through `_owner`, `_department` and lookups. */
export const BUILT_IN_OBJECTS: readonly ObjectInfo[] = [
  builtInObject(
    'user',
    'users',
    { en: 'User', 'zh-CN': '用户' },
    [
      { name: 'username', type: 'text', label: { en: 'Username', 'zh-CN': '用户名' } },
      { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '姓名' } },
      { name: 'email', type: 'email', label: { en: 'Email', 'zh-CN': '邮箱' } },
      { name: 'department', type: 'lookup', target: 'department', label: { en: 'Department', 'zh-CN': '部门' } },
      { name: 'manager', type: 'lookup', target: 'user', label: { en: 'Manager', 'zh-CN': '上级' } },
      { name: 'active', type: 'boolean', label: { en: 'Active', 'zh-CN': '启用' } },
    ],
    'name',
  ),
  builtInObject(
    'department',
    'departments',
    { en: 'Department', 'zh-CN': '部门' },
    [
      { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' } },
      { name: 'parent', type: 'lookup', target: 'department', label: { en: 'Parent', 'zh-CN': '上级部门' } },
      { name: 'head', type: 'lookup', target: 'user', label: { en: 'Head', 'zh-CN': '负责人' } },
    ],
    'name',
  ),
];
