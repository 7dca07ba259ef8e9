export { QueryScope, MAX_LOOKUP_HOPS, type FieldUse, type QueryScopeOptions, type ResolvedPath } from './query-scope.ts';
export { compileFilter, MAX_FILTER_CONDITIONS, MAX_FILTER_DEPTH } from './compile-filter.ts';
export { compileFormula, type FormulaOptions } from './compile-formula.ts';
export { parseSort, orderBySql, MAX_SORT_KEYS, type SortKey } from './parse-sort.ts';
export { encodeCursor, decodeCursor, keysetCondition, sortSelectSql, cursorValuesOf } from './keyset-cursor.ts';
export { fieldKind, SQL_TYPE, type ValueKind } from './field-kind.ts';
export type { SqlFragment } from './sql-fragment.ts';
export { LinkedRecord, SAMPLE_USER_VARIABLES } from './filter-variable.ts';
