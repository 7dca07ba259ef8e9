// The server's types, never copies: definitions are generated from metadata/schemas, and what the API
// answers is named in platform/src/http/api-types.ts (type-only, so nothing of the server is bundled).
export type { ObjectDefinition, Field, EnumOption, LocalizedText, ValidationRule } from '../../../platform/src/generated/object';
export type { RoleDocument, ObjectGrant, StateGrant, FieldAccess, Scope, SingleScope } from '../../../platform/src/generated/role';
export type { WorkflowDefinition, State as WorkflowState, Transition, Approval, Approver, Timeout as WorkflowTimeout, Action as WorkflowAction } from '../../../platform/src/generated/workflow';
export type { UiContributions as PackUi } from '../../../platform/src/generated/pack';
export type {
  AggregateColumn,
  AggregateResult,
  ApiRecord,
  BinEntry,
  BulkEditAnswer,
  BulkEditResult,
  ChangedRecord,
  ConfigDefinitionDiff,
  ConfigImportRecord,
  ConfigImportResult,
  CookieLogin,
  CreatedRecord,
  DataAnswer,
  DefinitionCheck,
  Department,
  DirectoryDepartment,
  DirectoryUser,
  DryRunResult,
  ErrorDetail,
  Explanation,
  HomeFigureSection,
  HomeListSection,
  ImportJob,
  ImportStarted,
  MyPermissions,
  NotificationFeed,
  ObjectSummary,
  PortalSignUpField,
  PortalSignUpSent,
  PortalUi,
  PortalVerified,
  Operation,
  RecentRecord,
  RecordShare,
  RecordTitles,
  SearchAnswer,
  SearchGroup,
  SearchHit,
  RoleSummary,
  RoundApprovers,
  RowError,
  SavedObject,
  SavedView,
  SavedViewDefinition,
  SavedWorkflow,
  SessionUser as User,
  StoredObject,
  StoredRoleDocument,
  StoredWorkflow,
  TaskQueue,
  TitleAnswer,
  UiSession,
  UnreadCount,
  UserListPage,
  ViewLayout,
  ViewType,
  WorkflowGraph,
  WorkflowOwnedValue,
  WorkflowSummary,
} from '../../../platform/src/http/api-types';

import type { LocalizedText } from '../../../platform/src/generated/object';
export type { CalendarDefinition, Hours } from '../../../platform/src/generated/calendar';
import type * as Api from '../../../platform/src/http/api-types';

// The names the application reads them by.
export type Localized = LocalizedText;
export type Access = Api.FieldAccess;
export type ObjectPermissions = Api.ObjectAccess;
export type RecordPermissions = Api.RecordAccess;
export type RecordData = Api.ApiRecord;
export type ListAnswer = Api.RecordPage;
export type RecordWorkflow = Api.RecordWorkflowView;
export type WorkflowHistoryEntry = Api.WorkflowHistoryItem;
export type CalendarDue = Api.CalendarDue;
export type ApprovalTask = Api.TaskView;
export type HistoryChange = Api.HistoryItem;
export type AdminUser = Api.User;
export type AppNotification = Api.NotificationView;
export type Pack = Api.PackSummary;
