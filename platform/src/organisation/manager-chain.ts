import type { ClosureTable } from './closure-table.ts';

/** Users and everyone who manages them, directly or further up; `subordinates` scopes are one join on it. */
export const managerChain: ClosureTable = { table: 'manager_chain', ancestor: 'manager', descendant: 'subordinate', lockKey: 727102 };
