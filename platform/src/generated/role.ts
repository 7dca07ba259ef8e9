/* Generated from metadata/schemas/role.schema.json by platform/scripts/generate-types.ts. Do not edit. */

export type Name = string;
/**
 * HH:MM on a 24-hour clock, 00:00 to 23:59.
 */
export type ClockTime = string;
/**
 * read, create, update, delete, export, import, transfer, submit, approve, or the name of a custom action.
 */
export type Operation = string;
/**
 * @maxItems 100
 */
export type Operations = Operation[];
/**
 * Which records an operation reaches; an array is the union of its scopes.
 */
export type Scope = SingleScope | SingleScope[];
export type SingleScope = ScopeKind | FilterScope;
/**
 * own: owned by the user; subordinates: owned by the user or anyone under them in the manager chain; department: in the user's department; department_tree: in it or a department below it; all: every record.
 */
export type ScopeKind = 'own' | 'subordinates' | 'department' | 'department_tree' | 'all';
export type FieldAccess = 'none' | 'read' | 'write';

/**
 * What the holders of a role may do (SPEC 5.4): when and from where they log in, and per object the operations, record scopes, fields and workflow states they reach. Several roles combine as a union.
 */
export interface RoleDocument {
  name: Name;
  label?: LocalizedText;
  description?: string;
  /**
   * Holders bypass every permission level; the bypass is shown by explain.
   */
  superuser?: boolean;
  login?: LoginRules;
  /**
   * Per object name, what the role grants on it; an object not named here is not reachable.
   */
  objects?: {
    [k: string]: ObjectGrant;
  };
  users?: ProfileGrant;
  departments?: ProfileGrant;
  /**
   * Menu entries of the user interface shown to holders.
   *
   * @maxItems 500
   */
  menus?: string[];
}
export interface LocalizedText {
  en?: string;
  'zh-CN'?: string;
}
/**
 * Where and when holders may log in; with several roles, any role that allows it suffices.
 */
export interface LoginRules {
  /**
   * IPv4 or IPv6 networks in CIDR notation, e.g. 10.0.0.0/8 or fd00::/8.
   *
   * @minItems 1
   * @maxItems 200
   */
  allowedCidrs?: string[];
  allowedHours?: AllowedHours;
}
/**
 * A daily window in a time zone; when 'to' is earlier than 'from' the window spans midnight.
 */
export interface AllowedHours {
  from: ClockTime;
  to: ClockTime;
  /**
   * An IANA time zone such as Asia/Shanghai.
   */
  tz: string;
}
export interface ObjectGrant {
  operations: Operations;
  /**
   * Per operation, the records it reaches.
   */
  scope?: {
    [k: string]: Scope;
  };
  fields?: FieldAccessMap;
  /**
   * Per workflow state name, overrides that apply while a record is in it.
   */
  states?: {
    [k: string]: StateGrant;
  };
}
/**
 * Records matching a filter (SPEC 5.3) that may use $user.id, $user.department and $user.username.
 */
export interface FilterScope {
  filter: Record<string, unknown>;
}
/**
 * Per field name, or '*' for every field not named, its access: none (hidden), read or write.
 */
export interface FieldAccessMap {
  [k: string]: FieldAccess;
}
/**
 * While a record is in this workflow state: the operations that remain allowed, and field access overrides.
 */
export interface StateGrant {
  operations?: Operations;
  fields?: FieldAccessMap;
}
/**
 * What holders see of users (role key 'users') or departments ('departments') reached through lookups such as _owner or _department. Without it only the public profile is readable: a user's name, username and department; a department's name.
 */
export interface ProfileGrant {
  /**
   * Per field name (or '*'), read to make it readable through lookups; none hides even a public field.
   */
  fields: {
    [k: string]: 'none' | 'read';
  };
}
