import { computed, onBeforeUnmount, ref, toValue, type ComputedRef, type MaybeRefOrGetter, type Ref } from 'vue';
import { onBeforeRouteLeave } from 'vue-router';
import { ElMessage, ElMessageBox } from 'element-plus';
import { api, type RequestOptions } from '@/api/client';
import { isApiError } from '@/api/api-error';
import { errorText, type ErrorText } from '@/utils/error-text';
import { useLiveCheck, type CheckedKind, type LiveCheck } from './use-live-check';

/** Where the platform's kinds are read and written; each is also checked live (POST /api/ui/check/<kind>). */
const PLATFORM_ADDRESSES: Record<CheckedKind, string> = { object: '/meta/objects', role: '/admin/roles', workflow: '/meta/workflows' };

/** A kind a pack registers, read and written at /api/meta/<plural>; with its `kind` name it is also checked live. */
export interface PackKind {
  plural: string;
  kind?: string;
}

// What the server adds to a definition it answers with (platform/src/http/definition-body.ts).
const READ_ONLY = ['version', 'updatedAt', 'graph', 'changes'];

type Query = RequestOptions['query'];

/** What a PUT answers: the stored definition, with its version for the kinds that keep versions. */
export type SavedDefinition = Record<string, unknown> & { version?: number };

/** How a save ended: stored, refused because a new definition's name is taken, or failed (`problem` says why). */
export type SaveOutcome = { status: 'saved'; answer: SavedDefinition } | { status: 'taken' } | { status: 'failed'; error: unknown };

export interface LeaveQuestion {
  message: string;
  title: string;
  leave: string;
  stay: string;
}

export interface LeaveGuard {
  /** Besides unsaved changes, what must hold for the question to be asked. */
  when?: () => boolean;
  question: () => LeaveQuestion;
}

export interface DefinitionEditorOptions<D, V = D> {
  /** The draft of a definition that is not stored yet. */
  starter: () => D;
  /** The draft shown while the definition is read (by default the starter). */
  blank?: () => D;
  /** The name is one to create: nothing is read, the starter is edited. */
  isNew?: boolean;
  /** A name that is not stored opens the starter as a new definition, rather than a load problem. */
  newWhenMissing?: boolean;
  /** A stored definition (without what the server adds) as the page edits it; by default the definition itself. */
  fromDefinition?: (definition: Record<string, unknown>) => D;
  /** The definition a draft stands for: what is checked, saved and compared with the stored one; by default the draft. */
  toDefinition?: (draft: D) => V;
  /** What the page reads before the definition (objects, roles, …); a failure is the load's. */
  prepare?: () => Promise<void>;
  /** What the page does with a definition just put into the draft, before the draft counts as the stored state. */
  loaded?: (draft: D, state: { isNew: boolean }) => Promise<void> | void;
  /** The sentence shown when a save succeeded. */
  savedMessage: (answer: SavedDefinition) => string;
  /** What the page does after a save (metadata to read again, the address of a new definition); a failure is the save's. */
  saved?: (answer: SavedDefinition, state: { name: string; created: boolean }) => Promise<void> | void;
  /** A refused save the page answers by sending again with another query (after asking), or null to show the failure. */
  retry?: (error: unknown, query: Query) => Promise<Query | null>;
  /** Ask before leaving the page (another route, or closing or reloading the tab) with unsaved changes, when `when` agrees. */
  leaveGuard?: LeaveGuard;
  /** Whether the draft is checked live while it is edited (only those who may save it may check it); by default it is. */
  liveCheck?: () => boolean;
  /** Send the version read with each save, so that a save over someone else's newer version is refused (409 STALE_VERSION). */
  lockVersion?: boolean;
}

export interface DefinitionEditor<D, V = D> {
  draft: Ref<D>;
  /** The definition the draft stands for. */
  definition: ComputedRef<V>;
  isNew: Ref<boolean>;
  /** The stored version, for the kinds that keep versions. */
  version: Ref<number | null>;
  /** A definition has been read (or a new one started) and is being edited. */
  ready: Ref<boolean>;
  saving: Ref<boolean>;
  /** Why the last load or save failed. */
  problem: Ref<ErrorText | null>;
  /** The definition differs from the stored one (a new one until it is saved). */
  dirty: ComputedRef<boolean>;
  /** Reads the definition (or starts a new one) into the draft. */
  load: () => Promise<void>;
  /** Puts a definition the page has read itself into the draft; null starts a new one. */
  open: (definition: object | null) => void;
  /**
   * Stores the definition under the editor's name, or under `as`: a new one whose name was chosen in the
   * page, refused when taken, after which the page opens it at its own address.
   */
  save: (request?: { as?: string; query?: Query }) => Promise<SaveOutcome>;
}

/**
 * One editor of a definition of any kind: reads it (GET <address>/:name, or a starter for a new one),
 * checks it live while it is edited (the platform's kinds, and a pack's kind given its name), saves it (PUT, its problems kept for the
 * page while the edits stay), knows whether it has unsaved changes, and can ask before the page is left
 * with them. The designers, the report builder and the dashboard editor each add only their own parts.
 */
export function useDefinitionEditor<D, V = D>(kind: CheckedKind | (PackKind & { kind: string }), name: MaybeRefOrGetter<string>, options: DefinitionEditorOptions<D, V>): DefinitionEditor<D, V> & { check: LiveCheck };
export function useDefinitionEditor<D, V = D>(kind: PackKind, name: MaybeRefOrGetter<string>, options: DefinitionEditorOptions<D, V>): DefinitionEditor<D, V>;
export function useDefinitionEditor<D, V = D>(kind: CheckedKind | PackKind, name: MaybeRefOrGetter<string>, options: DefinitionEditorOptions<D, V>): DefinitionEditor<D, V> & { check?: LiveCheck } {
  const address = typeof kind === 'string' ? PLATFORM_ADDRESSES[kind] : `/meta/${kind.plural}`;
  const toDefinition = options.toDefinition ?? ((draft: D) => draft as unknown as V);
  const fromDefinition = options.fromDefinition ?? ((definition: Record<string, unknown>) => definition as D);

  const draft = ref((options.blank ?? options.starter)()) as Ref<D>;
  const definition = computed(() => toDefinition(draft.value));
  const text = computed(() => JSON.stringify(definition.value));
  const isNew = ref(options.isNew === true);
  const version = ref<number | null>(null);
  const ready = ref(false);
  const saving = ref(false);
  const problem = ref<ErrorText | null>(null);
  // The stored definition as text; null while there is none.
  const stored = ref<string | null>(null);
  const dirty = computed(() => stored.value !== text.value);

  function put(answer: object | null) {
    if (!answer) {
      isNew.value = true;
      draft.value = options.starter();
      return;
    }
    if ('version' in answer && typeof answer.version === 'number') version.value = answer.version;
    draft.value = fromDefinition(Object.fromEntries(Object.entries(answer).filter(([key]) => !READ_ONLY.includes(key))));
  }
  const takeStored = () => (stored.value = isNew.value ? null : text.value);

  async function read(): Promise<Record<string, unknown> | null> {
    try {
      return await api.get<Record<string, unknown>>(`${address}/${toValue(name)}`);
    } catch (error) {
      if (options.newWhenMissing && isApiError(error) && error.status === 404) return null;
      throw error;
    }
  }

  async function load() {
    ready.value = false;
    problem.value = null;
    try {
      await options.prepare?.();
      put(isNew.value ? null : await read());
      await options.loaded?.(draft.value, { isNew: isNew.value });
      takeStored();
      ready.value = true;
    } catch (error) {
      problem.value = errorText(error);
    }
  }

  function open(answer: object | null) {
    put(answer);
    takeStored();
    ready.value = true;
  }

  async function taken(target: string): Promise<boolean> {
    return api.get(`${address}/${target}`).then(() => true, (error) => {
      if (isApiError(error) && error.status === 404) return false;
      throw error;
    });
  }

  async function send(target: string, fresh: boolean, query: Query): Promise<SaveOutcome> {
    try {
      if (fresh && (await taken(target))) return { status: 'taken' };
      const sent = text.value;
      const locked = options.lockVersion && !fresh && !isNew.value && version.value !== null;
      const body = locked ? { ...(definition.value as object), version: version.value } : definition.value;
      const answer = await api.put<SavedDefinition>(`${address}/${target}`, body, { query });
      if (typeof answer?.version === 'number') version.value = answer.version;
      stored.value = sent;
      ElMessage({ type: 'success', message: options.savedMessage(answer) });
      await options.saved?.(answer, { name: target, created: isNew.value });
      // Saved under a name chosen in the page, the definition is opened at its own address by the page.
      if (!fresh) isNew.value = false;
      return { status: 'saved', answer };
    } catch (error) {
      const again = (await options.retry?.(error, query)) ?? null;
      if (again) return send(target, fresh, again);
      problem.value = errorText(error);
      return { status: 'failed', error };
    }
  }

  async function save(request: { as?: string; query?: Query } = {}): Promise<SaveOutcome> {
    saving.value = true;
    problem.value = null;
    try {
      return await send(request.as ?? toValue(name), request.as !== undefined, request.query ?? {});
    } finally {
      saving.value = false;
    }
  }

  if (options.leaveGuard) guardLeaving(options.leaveGuard, () => ready.value && dirty.value);

  const editor = { draft, definition, isNew, version, ready, saving, problem, dirty, load, open, save };
  const checked = typeof kind === 'string' ? kind : kind.kind;
  return checked ? { ...editor, check: useLiveCheck(checked, definition, { enabled: options.liveCheck }) } : editor;
}

function guardLeaving(guard: LeaveGuard, unsavedChanges: () => boolean) {
  const unsaved = () => unsavedChanges() && (guard.when?.() ?? true);
  const hold = (event: BeforeUnloadEvent) => {
    if (unsaved()) event.preventDefault();
  };
  window.addEventListener('beforeunload', hold);
  onBeforeUnmount(() => window.removeEventListener('beforeunload', hold));
  onBeforeRouteLeave(async () => {
    if (!unsaved()) return true;
    const question = guard.question();
    try {
      await ElMessageBox.confirm(question.message, question.title, { type: 'warning', confirmButtonText: question.leave, cancelButtonText: question.stay });
      return true;
    } catch {
      return false;
    }
  });
}
