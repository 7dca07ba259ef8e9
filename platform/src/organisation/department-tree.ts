import type { ClosureTable } from './closure-table.ts';

/** Departments and every department above them; `department_tree` scopes are one join on it. */
export const departmentTree: ClosureTable = { table: 'department_tree', ancestor: 'ancestor', descendant: 'descendant', lockKey: 727101 };
