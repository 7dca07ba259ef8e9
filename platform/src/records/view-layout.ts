import { detail, type ErrorDetail } from '../core/errors.ts';
import type { FieldInfo, ObjectInfo } from '../core/snapshot-types.ts';
import { msg, type Label } from '../core/messages/message.ts';
import type { Policy } from '../permissions/resolve-policy.ts';

export type ViewType = 'table' | 'kanban' | 'calendar';
export const VIEW_TYPES: readonly ViewType[] = ['table', 'kanban', 'calendar'];

/** How a saved view draws its records: a table (the default), a kanban grouped by an enum, a calendar on a date. */
export interface ViewLayout {
  type?: ViewType;
  /** Kanban: the enum field whose options are the columns. */
  groupBy?: string;
  /** Calendar: the date or datetime field that places a record on a day. */
  dateField?: string;
  /** Calendar: an optional date or datetime field where a record's span ends. */
  endField?: string;
}

export const LAYOUT_KEYS = ['type', 'groupBy', 'dateField', 'endField'] as const;

const TYPE_LABELS: Record<ViewType, Label> = { table: { en: 'table', 'zh-CN': '表格' }, kanban: { en: 'kanban', 'zh-CN': '看板' }, calendar: { en: 'calendar', 'zh-CN': '日历' } };

const isDate = (field: FieldInfo) => field.type === 'date' || field.type === 'datetime' || (field.type === 'formula' && (field.returns === 'date' || field.returns === 'datetime'));
const isGroup = (field: FieldInfo) => field.type === 'enum';

/** Problems with a view's layout for a caller who may read the fields their policy allows. */
export function layoutProblems(input: Record<string, unknown>, object: ObjectInfo, policy: Policy): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const type = input.type ?? 'table';
  if (!VIEW_TYPES.includes(type as ViewType)) {
    problems.push(detail('/type', msg('view.typeUnknown', { types: VIEW_TYPES.join(', ') })));
    return problems;
  }
  const field = (key: 'groupBy' | 'dateField' | 'endField', fits: (f: FieldInfo) => boolean, wanted: 'enum' | 'date') => {
    const value = input[key];
    if (typeof value !== 'string') return problems.push(detail(`/${key}`, msg(wanted === 'enum' ? 'view.groupByNeeded' : 'view.dateFieldNeeded')));
    const info = object.fields.get(value);
    if (!info || policy.fieldAccess(info) === 'none') return problems.push(detail(`/${key}`, msg('value.notVisibleField', { name: value.slice(0, 80) })));
    if (!fits(info)) problems.push(detail(`/${key}`, msg(wanted === 'enum' ? 'view.notEnumField' : 'view.notDateField', { name: value })));
  };
  const unexpected = (key: 'groupBy' | 'dateField' | 'endField') => {
    if (input[key] !== undefined) problems.push(detail(`/${key}`, msg('view.notForType', { type: TYPE_LABELS[type as ViewType] })));
  };
  if (type === 'kanban') field('groupBy', isGroup, 'enum');
  else unexpected('groupBy');
  if (type === 'calendar') {
    field('dateField', isDate, 'date');
    if (input.endField !== undefined) field('endField', isDate, 'date');
  } else {
    unexpected('dateField');
    unexpected('endField');
  }
  return problems;
}

/** The layout part of a checked view input, only what its type uses. */
export function storedLayout(input: Record<string, unknown>): ViewLayout {
  const type = (input.type ?? 'table') as ViewType;
  if (type === 'kanban') return { type, groupBy: input.groupBy as string };
  if (type === 'calendar') return { type, dateField: input.dateField as string, ...(input.endField !== undefined ? { endField: input.endField as string } : {}) };
  return input.type === undefined ? {} : { type };
}
