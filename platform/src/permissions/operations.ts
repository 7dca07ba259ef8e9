import type { ObjectGrant, Scope } from '../generated/role.ts';

export const STANDARD_OPERATIONS = ['read', 'create', 'update', 'delete', 'export', 'import', 'transfer', 'submit', 'approve'] as const;

/** A standard operation, or the name of a custom action a role grants. */
export type Operation = (typeof STANDARD_OPERATIONS)[number] | (string & {});

/**
 * Operations that make new records. Their scope is not a reach over existing records but a check on
 * the new row (like row-level security's WITH CHECK on INSERT): it is not narrowed by the read
 * reach, by shares or by workflow states.
 */
export const CREATING_OPERATIONS: ReadonlySet<string> = new Set(['create', 'import']);

/** Which record shares widen the scope of an operation (shares never widen delete, transfer or custom actions). */
export function shareAccessFor(operation: Operation): readonly ('read' | 'write')[] {
  if (operation === 'read' || operation === 'export') return ['read', 'write'];
  if (operation === 'update') return ['write'];
  return [];
}

/**
 * The scope a role gives an operation. Without one of its own an operation borrows: export, approve
 * and update take the read scope; create, delete, transfer, submit and custom actions take the update
 * scope; import takes the create scope; read without a scope reaches every record. So, as in
 * PostgreSQL's row-level security, the scope that limits what a role reaches also limits the new rows
 * it may write.
 */
export function scopeOfOperation(grant: ObjectGrant, operation: Operation): Scope {
  const own = grant.scope?.[operation];
  if (own !== undefined) return own;
  switch (operation) {
    case 'read':
      return 'all';
    case 'import':
      return scopeOfOperation(grant, 'create');
    case 'export':
    case 'approve':
    case 'update':
      return scopeOfOperation(grant, 'read');
    default:
      return scopeOfOperation(grant, 'update');
  }
}

/** The workflow states in which a role no longer allows the operation. */
export function statesForbidding(grant: ObjectGrant, operation: Operation): string[] {
  return Object.entries(grant.states ?? {})
    .filter(([, state]) => state.operations !== undefined && !state.operations.includes(operation))
    .map(([name]) => name);
}
