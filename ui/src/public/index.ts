/**
 * `@tessera/ui`: what pack pages (plugins/<pack>/ui/*.vue) may use from the application. Pack pages
 * import only from here, never from the application's other files, so that the application can change
 * its insides without breaking packs. See docs/ui.md.
 */
export { api, apiUrl } from '@/api/client';
export { ApiError, isApiError, type ErrorDetail } from '@/api/api-error';
export type { Localized, StoredObject, ObjectPermissions, RecordData, Field } from '@/api/types';
export { errorText, errorLine, type ErrorText } from '@/utils/error-text';
export { localized, humanize } from '@/utils/localized';
export { useLabels } from '@/utils/use-labels';
export { optionColor } from '@/utils/option-colors';
export { useMetaStore } from '@/stores/meta';
export { useSessionStore } from '@/stores/session';
export { usePortalStore } from '@/stores/portal';
export { LazyChart } from '@/components/charts/lazy-chart';
export type { ChartOption } from '@/components/charts/chart-option';
export { default as FilterBuilder } from '@/components/records/FilterBuilder.vue';
export { default as FieldValue } from '@/components/fields/FieldValue.vue';
export { default as ProblemList } from '@/components/admin/ProblemList.vue';
export { default as JsonEditor } from '@/components/JsonEditor.vue';
export { default as LookupInput } from '@/components/fields/LookupInput.vue';
export { useDefinitionEditor, type DefinitionEditor, type DefinitionEditorOptions, type PackKind, type SaveOutcome, type SavedDefinition } from '@/components/admin/use-definition-editor';
export { usePackMessages } from './pack-messages';
export { useOfflineQueue, type QueuedWrite, type QueuedWriteState, type WriteOutcome, type WriteRequest } from '@/utils/offline-queue';
export { default as QueuedWriteStatus } from '@/components/QueuedWriteStatus.vue';
