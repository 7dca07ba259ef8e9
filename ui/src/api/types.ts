// The definition types are generated from metadata/schemas (one source of truth with the server).
export type { ObjectDefinition, Field, EnumOption, LocalizedText, ValidationRule } from '../../../platform/src/generated/object';
export type { RoleDocument, ObjectGrant, StateGrant, FieldAccess, Scope, SingleScope } from '../../../platform/src/generated/role';
export type { WorkflowDefinition, State as WorkflowState, Transition, Approval, Approver } from '../../../platform/src/generated/workflow';

import type { ObjectDefinition } from '../../../platform/src/generated/object';
import type { WorkflowDefinition } from '../../../platform/src/generated/workflow';

export type Localized = { en?: string; 'zh-CN'?: string };

export interface User {
  id: string;
  username: string;
  name: string;
  email: string | null;
  department: string | null;
  manager: string | null;
  roles: string[];
  language: 'en' | 'zh-CN' | null;
  superuser: boolean;
}

export interface ObjectSummary {
  name: string;
  label?: Localized;
  version: number;
  titleField?: string;
  fieldCount: number;
}

export type StoredObject = ObjectDefinition & { version: number };

export type Operation = 'read' | 'create' | 'update' | 'delete' | 'export' | 'import' | 'transfer' | 'submit' | 'approve';
export type Access = 'write' | 'read' | 'none';

export interface ObjectPermissions {
  object: string;
  operations: Record<Operation, boolean>;
  fields: Record<string, Access>;
}

export interface RecordPermissions {
  state?: string | null;
  operations: { update: boolean; delete: boolean; transfer: boolean; submit: boolean; approve?: boolean; [custom: string]: boolean | undefined };
  fields: Record<string, Access>;
}

export type RecordData = Record<string, unknown> & { id: string; _version: number };

export interface ListAnswer {
  data: RecordData[];
  nextCursor: string | null;
  total?: number;
  /** With `titles=true`: `{ <object>: { <id>: <title> } }` of the page's lookup values the caller may read. */
  titles?: Record<string, Record<string, string>>;
}

export interface WorkflowGraph {
  nodes: { id: string; label?: Localized | string; initial?: boolean; final?: boolean; approval?: boolean }[];
  edges: { from: string; to: string; event: string; guarded?: boolean }[];
  current?: string | null;
}

export type StoredWorkflow = WorkflowDefinition & { version: number; graph: WorkflowGraph };

export interface WorkflowSummary {
  name: string;
  label?: Localized;
  object: string;
  active: boolean;
  version: number;
  updatedAt: string;
}

export interface WorkflowHistoryEntry {
  id?: string;
  action: string;
  from?: string | null;
  to?: string | null;
  state?: string | null;
  event?: string | null;
  actor?: { id: string; name: string } | null;
  comment?: string | null;
  at: string;
}

export interface ApprovalTask {
  id: string;
  status: string;
  workflow: string;
  object: string;
  recordId: string;
  title?: string | null;
  /** The approver-facing fields the caller may read now. */
  fields?: Record<string, unknown>;
  state: string;
  comment?: string | null;
  delegatedFrom?: string | null;
  dueAt?: string | null;
  createdAt: string;
  decidedAt?: string | null;
  assignee?: string;
}

export interface RecordWorkflow {
  instance: {
    id: string;
    workflow: string;
    version: number;
    state: string;
    status: string;
    submittedBy: string | null;
    startedAt: string | null;
    finishedAt: string | null;
    pendingChange: Record<string, unknown> | null;
  } | null;
  history: WorkflowHistoryEntry[];
  tasks: { id: string; state: string; assignee: { id: string; name: string }; dueAt: string | null; createdAt: string }[];
  graph: WorkflowGraph | null;
  available: string[];
}

export interface HistoryChange {
  id: string;
  action: string;
  field: string | null;
  old: unknown;
  new: unknown;
  actor: { id: string; name: string } | null;
  at: string;
  reverts: string | null;
  mergedFrom?: string | null;
}

export interface Department {
  id: string;
  name: string;
  parent: string | null;
  head: string | null;
  depth: number;
}

export interface AdminUser {
  id: string;
  username: string;
  name: string;
  email: string | null;
  department: string | null;
  manager: string | null;
  roles: string[];
  active: boolean;
  language: string | null;
}

export interface RoleSummary {
  name: string;
  label?: Localized;
  superuser?: boolean;
  updatedAt?: string;
}

export interface AppNotification {
  id: string;
  /** In both languages; a plain text from older notifications. */
  message: Localized | string;
  object: string | null;
  recordId: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface PackUi {
  menu?: { path: string; label: Localized; icon?: string; order?: number }[];
  pages?: { path: string; component: string; title: Localized }[];
  /** Groups of objects in the menu; objects in no group stay under Records. */
  navigation?: { key: string; label: Localized; icon?: string; order?: number; objects: string[] }[];
  /** Buttons on a record page that open a pack page for the record, when the record allows `operation`. */
  recordActions?: { object: string; label: Localized; path: string; operation?: string; icon?: string }[];
}

export interface Pack {
  name: string;
  version: string;
  installed: boolean;
  ui?: PackUi;
}
