/**
 * What the API answers, one type per answer, for the web application (ui/src/api/types.ts) as much
 * as for the routes. Where a module already returns the answer its type is re-exported or composed
 * here; answers built in a route are defined here and the route is checked against them.
 *
 * Types only: the browser bundle imports this file, so it must never import or export a value.
 */
import type { LoggedInUser } from '../auth/log-in.ts';
import type { ErrorDetail } from '../core/errors.ts';
import type { LocalizedText, ObjectDefinition } from '../generated/object.ts';
import type { UiContributions } from '../generated/pack.ts';
import type { RoleDocument } from '../generated/role.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import type { DefinitionVersion } from '../metadata/metadata-store.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import type { listUsers, User, UserKind } from '../organisation/users.ts';
import type { RecordLink } from '../core/ctx.ts';
import type { ObjectAccess } from '../permissions/caller-access.ts';
import type { CreateResult } from '../records/create-record.ts';
import type { ImportJob } from '../records/import-jobs.ts';
import type { ListResult } from '../records/read-records.ts';
import type { RecordData } from '../records/record-shape.ts';
import type { RecordTitles } from '../records/record-titles.ts';
import type { SearchGroup } from '../records/global-search.ts';
import type { PendingChange } from '../records/write-change.ts';
import type { listTasks } from '../workflow/tasks.ts';
import type { InstanceRow } from '../workflow/transition-step.ts';
import type { workflowGraph } from '../metadata/workflow-shape.ts';
import type { listNotifications, markNotificationsRead } from '../workflow/notifications.ts';

export type { ErrorDetail, LocalizedText };
export type { User } from '../organisation/users.ts';
export type { Department, DepartmentDetail } from '../organisation/departments.ts';
export type { FieldAccess } from '../permissions/field-access.ts';
export type { Operation } from '../permissions/operations.ts';
export type { ObjectAccess, RecordAccess, WorkflowOwnedValue } from '../permissions/caller-access.ts';
export type { Explanation } from '../permissions/explain.ts';
export type { RoleSummary } from '../definitions/role-store.ts';
export type { AggregateColumn, AggregateResult } from '../records/aggregate-records.ts';
export type { DryRunResult, RowError } from '../records/import-records.ts';
export type { ImportJob } from '../records/import-jobs.ts';
export type { RecordData } from '../records/record-shape.ts';
export type { HistoryItem } from '../records/record-history.ts';
export type { RecordShare } from '../records/record-shares.ts';
export type { RecordTitles } from '../records/record-titles.ts';
export type { RecentRecord } from '../records/recent-records.ts';
export type { RoundApprovers, RoundPerson } from '../workflow/round-approvers.ts';
export type { SearchGroup, SearchHit } from '../records/global-search.ts';
export type { BinEntry } from '../records/recycle-bin.ts';
export type { SavedView, SavedViewDefinition, ViewLayout, ViewType } from '../records/saved-views.ts';
export type { PendingChange } from '../records/write-change.ts';
export type { TaskView } from '../workflow/tasks.ts';
export type { NotificationView } from '../workflow/notifications.ts';
export type { RecordWorkflowView, WorkflowHistoryItem } from '../workflow/workflow-view.ts';
export type { WorkflowSummary, WorkflowVersion } from '../definitions/workflow-store.ts';

/** The answer of a list endpoint: its items under `data`. */
export interface DataAnswer<T> {
  data: T[];
}

/** A pack's home page sections (`ui.home` of its manifest; GET /api/packs). */
export type HomeSections = NonNullable<UiContributions['home']>;
export type HomeListSection = NonNullable<HomeSections['lists']>[number];
export type HomeFigureSection = NonNullable<HomeSections['figures']>[number];
/** GET /api/search (search-routes.ts): the records matching `query`, grouped by object. */
export interface SearchAnswer {
  /** The query as it was matched (trimmed, full-width forms folded). */
  query: string;
  data: SearchGroup[];
}

// Session: auth-routes.ts, ui-session-routes.ts

/** POST /api/auth/login with `session: "cookie"`: the session itself is in the cookie. */
export interface CookieLogin {
  csrfToken: string;
  expiresAt: string;
  user: LoggedInUser;
}

/** POST /api/auth/login for API clients (bearer token). */
export interface TokenLogin {
  token: string;
  expiresAt: string;
  user: LoggedInUser;
}

/** GET /api/auth/me: who is logged in. */
export type SessionUser = Pick<User, 'id' | 'username' | 'name' | 'email' | 'department' | 'manager' | 'roles' | 'language' | 'kind'> & { superuser: boolean; account: RecordLink | null };

/** GET /api/ui/session: the CSRF token of the caller's cookie session, and which application the user belongs to. */
export interface UiSession {
  csrfToken: string;
  kind: UserKind;
}

// The people directory every user reads: ui-directory-routes.ts

/** GET /api/ui/users */
export interface DirectoryUser {
  id: string;
  username: string;
  name: string;
  department: string | null;
  active: boolean;
}

/** GET /api/ui/departments */
export interface DirectoryDepartment {
  id: string;
  name: string;
  parent: string | null;
}

// Definitions: meta-routes.ts, workflow-meta-routes.ts, admin-role-routes.ts, ui-check-routes.ts

/** GET /api/meta/objects: one entry per object the records API serves. */
export type ObjectSummary = Pick<ObjectInfo, 'name' | 'label' | 'version' | 'titleField'> & { fieldCount: number };

/** GET /api/meta/objects/:name */
export type StoredObject = ObjectDefinition & { version: number };

/** PUT /api/meta/objects/:name: with the schema steps the change took, in the caller's language. */
export type SavedObject = StoredObject & { changes: string[] };

/** GET /api/meta/objects/:name/versions */
export type ObjectVersion = Omit<DefinitionVersion, 'definition'>;

/** A workflow's machine as nodes and edges, for diagrams. */
export type WorkflowGraph = ReturnType<typeof workflowGraph>;

/** GET /api/meta/workflows/:name and /versions/:version */
export type StoredWorkflow = WorkflowDefinition & { version: number; graph: WorkflowGraph };

/** PUT /api/meta/workflows/:name: a valid workflow may carry warnings. */
export type SavedWorkflow = StoredWorkflow & { warnings?: ErrorDetail[] };

/** GET and PUT /api/admin/roles/:name: `updatedAt` is the optimistic lock of the next PUT. */
export type StoredRoleDocument = RoleDocument & { updatedAt: string };

/** POST /api/ui/check/:kind for a valid definition (an invalid one is a 422). */
export interface DefinitionCheck {
  valid: true;
  warnings?: ErrorDetail[];
}

/** POST /api/meta/calendars/:name/due: `due` is the moment `hours` of working time after `start` on the stored calendar. */
export interface CalendarDue {
  calendar: string;
  version: number;
  timezone: string;
  start: string;
  hours: number;
  due: string;
}

// Organisation: admin-organisation-routes.ts

/** GET /api/admin/users: a page of users. */
export type UserListPage = Awaited<ReturnType<typeof listUsers>>;

// Permissions: permission-routes.ts

/** GET /api/permissions/mine: every object's answer at once, by object name. */
export interface MyPermissions {
  data: Record<string, ObjectAccess>;
}

// Records: record-routes.ts, import-export-routes.ts

/**
 * A record as the records API answers it: its readable fields by name. `id` and `_version` are
 * always among them (permissions/field-access.ts keeps them readable), which the server's
 * RecordData does not spell out.
 */
export type ApiRecord = RecordData & { id: string; _version: number };

/**
 * GET /api/records/:object: a page of records; with `titles=true`, the titles of the page's lookup
 * values the caller may read. The route builds it from the server's RecordData (`R`).
 */
export type RecordPage<R extends RecordData = ApiRecord> = Omit<ListResult, 'data'> & { data: R[]; titles?: RecordTitles };

/** POST /api/records/:object: `_warnings` names what warning dedup rules found. */
export type CreatedRecord<R extends RecordData = ApiRecord> = R & { _warnings?: CreateResult['warnings'] };

/** PATCH /api/records/:object/:id, a revert or a merge: `_pending` (202) is what waits for an approval. */
export type ChangedRecord = ApiRecord & { _pending?: PendingChange };

/** PATCH /api/records/:object (bulk edit): each selected record's outcome. */
export type { BulkEditAnswer, BulkEditResult } from '../records/edit-selected.ts';

/** POST /api/records/titles */
export interface TitleAnswer {
  titles: RecordTitles;
}

/** POST /api/records/:object/import without `wait`: 202, the job to poll. */
export type ImportStarted = Pick<ImportJob, 'id' | 'status' | 'total'>;

// Workflows on records, tasks and notifications: workflow-routes.ts

/** POST /api/records/:object/:id/submit | transition | recall, and the instance a decision moved. */
export type InstanceSummary = Pick<InstanceRow, 'id' | 'workflow' | 'version' | 'state' | 'status'>;

/** GET /api/tasks: the caller's queue with its counts. */
export type TaskQueue = Awaited<ReturnType<typeof listTasks>>;

/** POST /api/tasks/:id/approve | reject */
export interface TaskDecision {
  task: string;
  decided: boolean;
  instance: InstanceSummary;
}

/** GET /api/notifications */
export type NotificationFeed = Awaited<ReturnType<typeof listNotifications>>;

/** POST /api/notifications/read */
export type UnreadCount = Awaited<ReturnType<typeof markNotificationsRead>>;

// Packs: pack-routes.ts

/** GET /api/packs: every pack the server knows, and what an installed one adds to the app. */
export interface PackSummary {
  name: string;
  version: string;
  label: LocalizedText;
  description: LocalizedText | null;
  requires: string[];
  installed: boolean;
  installedVersion: string | null;
  installedAt: string | null;
  demoLoaded: boolean;
  /** Empty until the pack is installed. */
  ui: UiContributions;
}

// Configuration transfer: config-transfer-routes.ts

/** One difference between a definition of the import and the target's, at an RFC 6901 pointer into the definition. */
export interface ConfigPointerChange {
  pointer: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** A definition the import adds, changes, or (when it removes missing ones) removes. */
export interface ConfigDefinitionDiff {
  kind: string;
  kindLabel: LocalizedText;
  plural: string;
  name: string;
  label: LocalizedText | null;
  change: 'added' | 'changed' | 'removed';
  /** Its place in the bundle (`/definitions/objects/3`); null for a removal. */
  at: string | null;
  changes: ConfigPointerChange[];
  lossy: boolean;
  losses: string[];
  notes: string[];
}

/** POST /api/admin/config/import: the diff, the problems of a dry run, and whether it was applied. */
export interface ConfigImportResult {
  basis: string;
  items: ConfigDefinitionDiff[];
  unchanged: number;
  removeMissing: boolean;
  problems: { path: string; message: string; definition?: string; code?: string }[];
  applied: boolean;
  importId: string | null;
}

/** GET /api/admin/config/imports: an applied import. */
export interface ConfigImportRecord {
  id: string;
  importedAt: string;
  /** The importer's username; null when the user no longer exists. */
  importedBy: string | null;
  manifest: { name: string; version: string };
  removedMissing: boolean;
  changes: { kind: string; name: string; change: 'added' | 'changed' | 'removed' }[];
}

/** A company field of the portal's sign-up form, as the pack names it. */
export interface PortalSignUpField {
  name: string;
  type: string;
  /** The field's label, or its name where it has none. */
  label: LocalizedText | string;
  required: boolean;
  options?: { value: string; label: LocalizedText | string | undefined }[];
}

/** GET /api/portal/ui (public): the installed packs' portal menu and pages, and the sign-up form's company fields. */
export interface PortalUi {
  menu: { pack: string; path: string; label: LocalizedText; icon?: string; order: number }[];
  pages: { pack: string; path: string; component: string; title: LocalizedText }[];
  /** Empty: no pack takes sign-ups. */
  signUp: PortalSignUpField[];
}

/** POST /api/portal/sign-up → 202: where the verification mail went and until when its link works. */
export interface PortalSignUpSent {
  email: string;
  expiresAt: string;
}

/** POST /api/portal/verify: whether the account is active now or waits for the organiser's approval. */
export interface PortalVerified {
  active: boolean;
}
