/** The standard operations of a role's object grant (docs/roles.md); custom actions are typed in. */
export const OPERATIONS = ['read', 'create', 'update', 'delete', 'export', 'import', 'transfer', 'submit', 'approve'] as const;
