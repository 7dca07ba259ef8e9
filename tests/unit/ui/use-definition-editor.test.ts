import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRenderer, defineComponent, nextTick } from 'vue';
import { RouterView, createMemoryHistory, createRouter, type Router } from 'vue-router';
import { ElMessage, ElMessageBox, type MessageBoxData } from 'element-plus';
import { useDefinitionEditor } from '../../../ui/src/components/admin/use-definition-editor.ts';

// The app's own modules are imported through the '@/…' alias, which only Vite knows: each is handed
// over as the real file, except the language set-up, which needs a browser's storage.
vi.mock('@/api/client', async () => await import('../../../ui/src/api/client.ts'));
vi.mock('@/api/api-error', async () => await import('../../../ui/src/api/api-error.ts'));
vi.mock('@/utils/error-text', async () => await import('../../../ui/src/utils/error-text.ts'));
vi.mock('@/i18n', async () => {
  const { createI18n } = await import('vue-i18n');
  const { messageSet } = await import('../../../ui/src/i18n/message-set.ts');
  return { i18n: createI18n({ legacy: false, locale: 'en', messages: { en: messageSet('en') } }) };
});
vi.mock('element-plus', () => ({ ElMessage: vi.fn(), ElMessageBox: { confirm: vi.fn() } }));

/** One request the page made: method, path under /api with its query, and the JSON body. */
interface Sent {
  method: string;
  path: string;
  body: unknown;
}
type Answer = { status: number; body?: unknown };

// The server: answers by "METHOD /path", each answer used once in turn (the last one stays).
let answers: Map<string, Answer[]>;
let sent: Sent[];
function answer(request: string, ...list: Answer[]) {
  answers.set(request, list);
}
const fakeFetch = async (url: string, init: { method: string; body?: string }) => {
  const path = url.replace(/^\/api/, '');
  sent.push({ method: init.method, path, body: init.body === undefined ? undefined : JSON.parse(init.body) });
  const list = answers.get(`${init.method} ${path}`);
  if (!list) return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: `No answer for ${init.method} ${path}` } }), { status: 404 });
  const next = list.length > 1 ? list.shift()! : list[0];
  return new Response(next.body === undefined ? null : JSON.stringify(next.body), { status: next.status });
};
const problem = (status: number, code: string, message: string, details: { path: string; message: string }[] = []) => ({ status, body: { error: { code, message, details } } });

/* eslint-disable vue/one-component-per-file -- the page under test and the page it is left for */
// Components drawn into nothing: what matters is their set-up, the router's guards and their lifecycle.
const noop = () => undefined;
const { createApp } = createRenderer<object, object>({
  createElement: () => ({}), createText: () => ({}), createComment: () => ({}), setText: noop, setElementText: noop,
  insert: noop, remove: noop, patchProp: noop, parentNode: () => null, nextSibling: () => null,
});

/** Mounts a page at /editor whose set-up makes the editor; /elsewhere is where the page can be left for. */
async function mount<T>(makeEditor: () => T): Promise<{ editor: T; router: Router }> {
  let editor: T | undefined;
  const Page = defineComponent({ setup: () => ((editor = makeEditor()), () => null) });
  const Elsewhere = defineComponent({ render: () => null });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/editor', component: Page }, { path: '/elsewhere', component: Elsewhere }] });
  const app = createApp(RouterView);
  app.use(router);
  await router.push('/editor');
  app.mount({});
  await nextTick();
  return { editor: editor!, router };
}

interface Workflow {
  name: string;
  object: string;
  initial: string;
  states: Record<string, unknown>;
  label?: { en: string };
}
const STORED: Workflow = { name: 'discount', object: 'opportunity', initial: 'draft', states: { draft: { on: { submit: 'done' } }, done: { type: 'final' } } };
const starter = (): Workflow => ({ name: 'discount', object: 'account', initial: 'start', states: { start: { type: 'final' } } });
const savedMessage = (saved: { version?: number }) => `saved as ${saved.version}`;

beforeEach(() => {
  answers = new Map();
  sent = [];
  vi.stubGlobal('fetch', fakeFetch);
  vi.stubGlobal('window', new EventTarget());
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.mocked(ElMessage).mockClear();
  vi.mocked(ElMessageBox.confirm).mockReset();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the definition editor of every kind', () => {
  it('reads a stored definition into the draft without what the server adds, and counts it as saved', async () => {
    answer('GET /meta/workflows/discount', { status: 200, body: { ...STORED, version: 3, graph: { nodes: [] } } });
    const steps: string[] = [];
    const { editor } = await mount(() => useDefinitionEditor<Workflow>('workflow', 'discount', {
      starter,
      savedMessage,
      prepare: async () => void steps.push('prepare'),
      loaded: (draft, state) => void steps.push(`loaded ${draft.initial} new=${state.isNew}`),
    }));
    expect(editor.ready.value).toBe(false);
    await editor.load();
    expect(editor.draft.value).toEqual(STORED);
    expect(editor.version.value).toBe(3);
    expect(editor.isNew.value).toBe(false);
    expect(editor.ready.value).toBe(true);
    expect(editor.dirty.value).toBe(false);
    expect(editor.problem.value).toBeNull();
    expect(steps).toEqual(['prepare', 'loaded draft new=false']);
  });

  it('starts a new definition from the starter: without reading for a new name, or when the name is not stored and the page wants it so', async () => {
    const fresh = await mount(() => useDefinitionEditor<Workflow>('workflow', 'discount', { starter, savedMessage, isNew: true }));
    await fresh.editor.load();
    expect(sent.filter((s) => s.method === 'GET')).toEqual([]);
    expect(fresh.editor.draft.value).toEqual(starter());
    expect(fresh.editor.isNew.value).toBe(true);
    // A new definition has changes until it is saved.
    expect(fresh.editor.dirty.value).toBe(true);

    const missing = await mount(() => useDefinitionEditor<Workflow>('workflow', 'discount', { starter, savedMessage, newWhenMissing: true }));
    await missing.editor.load();
    expect(missing.editor.isNew.value).toBe(true);
    expect(missing.editor.draft.value).toEqual(starter());
    expect(missing.editor.ready.value).toBe(true);

    // Otherwise a name that is not stored is a problem, and the editor is not ready.
    const strict = await mount(() => useDefinitionEditor<Workflow>({ plural: 'reports' }, 'sales', { starter, savedMessage }));
    await strict.editor.load();
    expect(sent.at(-1)).toMatchObject({ method: 'GET', path: '/meta/reports/sales' });
    expect(strict.editor.ready.value).toBe(false);
    expect(strict.editor.problem.value).toMatchObject({ title: 'This no longer exists, or you cannot see it.', detail: 'No answer for GET /meta/reports/sales' });
  });

  it('shows the draft the page gives while reading, and takes a definition the page has read itself', async () => {
    const { editor } = await mount(() => useDefinitionEditor<Workflow>({ plural: 'dashboards' }, 'pipeline', { starter, savedMessage, blank: () => ({ ...STORED, name: '' }) }));
    expect(editor.draft.value.name).toBe('');
    editor.open({ ...STORED, version: 2, updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(editor.draft.value).toEqual(STORED);
    expect(editor.version.value).toBe(2);
    expect(editor.dirty.value).toBe(false);
    editor.open(null);
    expect(editor.isNew.value).toBe(true);
    expect(editor.draft.value).toEqual(starter());
  });

  it('tracks changes against the stored definition, through the page\'s own form', async () => {
    answer('GET /meta/reports/sales', { status: 200, body: { object: 'opportunity', label: { en: 'Sales' }, version: 1 } });
    // The page edits a form of its own; the definition is what the form stands for.
    const { editor } = await mount(() => useDefinitionEditor<{ object: string; title: string }, { object: string; label?: { en: string } }>({ plural: 'reports' }, 'sales', {
      starter: () => ({ object: '', title: '' }),
      savedMessage,
      fromDefinition: (d) => ({ object: String(d.object), title: (d.label as { en: string }).en }),
      toDefinition: (form) => ({ object: form.object, ...(form.title ? { label: { en: form.title } } : {}) }),
    }));
    await editor.load();
    expect(editor.draft.value).toEqual({ object: 'opportunity', title: 'Sales' });
    expect(editor.dirty.value).toBe(false);
    editor.draft.value.title = 'Sales by stage';
    expect(editor.dirty.value).toBe(true);
    editor.draft.value.title = 'Sales';
    expect(editor.dirty.value).toBe(false);
    editor.draft.value = { object: 'account', title: 'Sales' };
    expect(editor.definition.value).toEqual({ object: 'account', label: { en: 'Sales' } });
    expect(editor.dirty.value).toBe(true);
  });

  it('saves the definition with PUT, takes the new version, says so and lets the page go on', async () => {
    answer('GET /meta/objects/invoice', { status: 200, body: { ...STORED, version: 4 } });
    answer('PUT /meta/objects/invoice', { status: 200, body: { ...STORED, label: { en: 'Invoice' }, version: 5, changes: [] } });
    const after: unknown[] = [];
    const { editor } = await mount(() => useDefinitionEditor<Workflow>('object', 'invoice', { starter, savedMessage, saved: (saved, state) => void after.push([saved.version, state]) }));
    await editor.load();
    editor.draft.value = { ...editor.draft.value, label: { en: 'Invoice' } };
    expect(editor.dirty.value).toBe(true);
    const saving = editor.save();
    expect(editor.saving.value).toBe(true);
    const outcome = await saving;
    expect(outcome).toMatchObject({ status: 'saved', answer: { version: 5 } });
    expect(sent.at(-1)).toEqual({ method: 'PUT', path: '/meta/objects/invoice', body: { ...STORED, label: { en: 'Invoice' } } });
    expect(editor.saving.value).toBe(false);
    expect(editor.version.value).toBe(5);
    expect(editor.dirty.value).toBe(false);
    expect(ElMessage).toHaveBeenCalledWith({ type: 'success', message: 'saved as 5' });
    expect(after).toEqual([[5, { name: 'invoice', created: false }]]);
  });

  it('sends the version it read with lockVersion, and not for a new definition', async () => {
    answer('GET /meta/calendars/desk', { status: 200, body: { ...STORED, version: 2 } });
    answer('PUT /meta/calendars/desk', { status: 200, body: { ...STORED, version: 3 } }, problem(409, 'STALE_VERSION', 'changed since', [{ path: '/version', message: 'now 4' }]));
    const { editor } = await mount(() => useDefinitionEditor<Workflow>({ plural: 'calendars' }, 'desk', { starter, savedMessage, lockVersion: true }));
    await editor.load();
    editor.draft.value = { ...editor.draft.value, label: { en: 'Desk' } };
    expect(await editor.save()).toMatchObject({ status: 'saved' });
    expect(sent.at(-1)?.body).toEqual({ ...STORED, label: { en: 'Desk' }, version: 2 });
    editor.draft.value = { ...editor.draft.value, label: { en: 'Desk 2' } };
    expect(await editor.save()).toMatchObject({ status: 'failed' });
    expect(sent.at(-1)?.body).toEqual({ ...STORED, label: { en: 'Desk 2' }, version: 3 });
    expect(editor.problem.value?.details).toEqual([{ path: '/version', message: 'now 4' }]);

    answer('PUT /meta/calendars/fresh', { status: 201, body: { ...STORED, version: 1 } });
    const fresh = (await mount(() => useDefinitionEditor<Workflow>({ plural: 'calendars' }, 'fresh', { starter, savedMessage, lockVersion: true, isNew: true }))).editor;
    await fresh.load();
    await fresh.save();
    expect(sent.at(-1)?.body).toEqual(starter());
  });

  it('saves a new definition under its own name, after which it is no longer new', async () => {
    answer('PUT /admin/roles/auditor', { status: 201, body: { name: 'auditor', updatedAt: '2026-01-01T00:00:00.000Z' } });
    const after: unknown[] = [];
    const { editor } = await mount(() => useDefinitionEditor<{ name: string }>('role', 'auditor', { starter: () => ({ name: 'auditor' }), savedMessage: () => 'Saved.', isNew: true, saved: (_s, state) => void after.push(state) }));
    await editor.load();
    expect(await editor.save()).toMatchObject({ status: 'saved' });
    expect(after).toEqual([{ name: 'auditor', created: true }]);
    expect(editor.isNew.value).toBe(false);
    expect(editor.version.value).toBeNull();
  });

  it('saves a new definition under the name chosen in the page only when that name is free', async () => {
    answer('GET /meta/reports/taken', { status: 200, body: { object: 'account', version: 1 } });
    answer('PUT /meta/reports/mine', { status: 201, body: { ...STORED, version: 1 } });
    const after: unknown[] = [];
    const { editor } = await mount(() => useDefinitionEditor<Workflow>({ plural: 'reports' }, 'new', { starter, savedMessage, isNew: true, saved: (_s, state) => void after.push(state) }));
    await editor.load();

    expect(await editor.save({ as: 'taken' })).toEqual({ status: 'taken' });
    expect(sent.some((s) => s.method === 'PUT')).toBe(false);

    expect(await editor.save({ as: 'mine' })).toMatchObject({ status: 'saved' });
    expect(sent.slice(-2).map((s) => `${s.method} ${s.path}`)).toEqual(['GET /meta/reports/mine', 'PUT /meta/reports/mine']);
    expect(after).toEqual([{ name: 'mine', created: true }]);
    // The page opens the saved definition at its own address.
    expect(editor.isNew.value).toBe(true);
    expect(editor.dirty.value).toBe(false);
  });

  it('keeps the edits when a save is refused, with the server\'s problems (422) or a conflict (409)', async () => {
    answer('GET /meta/workflows/discount', { status: 200, body: { ...STORED, version: 3 } });
    answer('PUT /meta/workflows/discount',
      problem(422, 'VALIDATION_FAILED', 'The workflow is not valid.', [{ path: '/states/draft/on/submit', message: 'names no state' }]),
      problem(409, 'STALE_VERSION', 'The workflow changed meanwhile.'));
    const { editor } = await mount(() => useDefinitionEditor<Workflow>('workflow', 'discount', { starter, savedMessage }));
    await editor.load();
    const edited: Workflow = { ...STORED, states: { draft: { on: { submit: 'nowhere' } } } };
    editor.draft.value = edited;

    const invalid = await editor.save();
    expect(invalid).toMatchObject({ status: 'failed', error: { status: 422 } });
    expect(editor.problem.value).toEqual({ title: 'Some values are not valid.', detail: 'The workflow is not valid.', details: [{ path: '/states/draft/on/submit', message: 'names no state' }] });
    expect(editor.draft.value).toEqual(edited);
    expect(editor.dirty.value).toBe(true);
    expect(editor.version.value).toBe(3);
    expect(editor.saving.value).toBe(false);

    const conflict = await editor.save();
    expect(conflict).toMatchObject({ status: 'failed', error: { status: 409, code: 'STALE_VERSION' } });
    expect(editor.problem.value).toMatchObject({ title: 'Someone changed this record meanwhile. Reload it and apply your change again.', detail: 'The workflow changed meanwhile.' });
    expect(editor.draft.value).toEqual(edited);
    expect(editor.dirty.value).toBe(true);
    expect(ElMessage).not.toHaveBeenCalled();
  });

  it('sends a refused save again when the page answers the refusal (an object change that loses data, forced)', async () => {
    answer('GET /meta/objects/invoice', { status: 200, body: { ...STORED, version: 1 } });
    answer('PUT /meta/objects/invoice', problem(422, 'LOSSY_CHANGE', 'Values would be lost.'));
    answer('PUT /meta/objects/invoice?force=true', { status: 200, body: { ...STORED, version: 2 } });
    const refused: unknown[] = [];
    const { editor } = await mount(() => useDefinitionEditor<Workflow>('object', 'invoice', {
      starter,
      savedMessage,
      retry: async (error, query) => {
        refused.push([(error as { code: string }).code, query]);
        return query?.force ? null : { force: true };
      },
    }));
    await editor.load();
    expect(await editor.save()).toMatchObject({ status: 'saved', answer: { version: 2 } });
    expect(refused).toEqual([['LOSSY_CHANGE', {}]]);
    expect(sent.filter((s) => s.method === 'PUT').map((s) => s.path)).toEqual(['/meta/objects/invoice', '/meta/objects/invoice?force=true']);
    expect(editor.problem.value).toBeNull();
  });

  it('checks the platform\'s kinds live, half a second after a change, and keeps the problems by pointer', async () => {
    answer('GET /meta/workflows/discount', { status: 200, body: { ...STORED, version: 3 } });
    answer('POST /ui/check/workflow', problem(422, 'VALIDATION_FAILED', 'Not valid.', [{ path: '/states/draft/on/submit', message: 'names no state' }]));
    const { editor } = await mount(() => useDefinitionEditor<Workflow>('workflow', 'discount', { starter, savedMessage }));
    await editor.load();
    editor.draft.value = { ...STORED, states: { draft: { on: { submit: 'nowhere' } } } };
    await nextTick();
    await vi.advanceTimersByTimeAsync(499);
    expect(sent.filter((s) => s.path === '/ui/check/workflow')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(editor.check.checking.value).toBe(false));
    expect(sent.filter((s) => s.path === '/ui/check/workflow').map((s) => s.body)).toEqual([editor.draft.value]);
    expect(editor.check.at('/states/draft')).toEqual([{ path: '/states/draft/on/submit', message: 'names no state' }]);
    expect(editor.check.at('/states/done')).toEqual([]);
  });

  it('asks before the page is left with unsaved changes, stays when told to, and leaves when told to', async () => {
    answer('GET /meta/reports/sales', { status: 200, body: { ...STORED, version: 1 } });
    let asking = true;
    const question = { message: 'Leave it?', title: 'Not saved yet', leave: 'Leave', stay: 'Stay' };
    const open = () => mount(() => useDefinitionEditor<Workflow>({ plural: 'reports' }, 'sales', { starter, savedMessage, leaveGuard: { when: () => asking, question: () => question } }));
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };

    const first = await open();
    await first.editor.load();
    expect(unload()).toBe(false);
    first.editor.draft.value = { ...STORED, label: { en: 'Sales' } };
    expect(unload()).toBe(true);
    vi.mocked(ElMessageBox.confirm).mockRejectedValueOnce('cancel');
    await first.router.push('/elsewhere');
    expect(ElMessageBox.confirm).toHaveBeenCalledWith('Leave it?', 'Not saved yet', { type: 'warning', confirmButtonText: 'Leave', cancelButtonText: 'Stay' });
    expect(first.router.currentRoute.value.path).toBe('/editor');

    // The page may not want the question (the report builder does not ask a reader, who cannot save).
    asking = false;
    expect(unload()).toBe(false);
    asking = true;

    // Without changes the page is left without a question, and the tab is no longer held once it is gone.
    first.editor.draft.value = { ...STORED };
    await first.router.push('/elsewhere');
    expect(ElMessageBox.confirm).toHaveBeenCalledTimes(1);
    expect(first.router.currentRoute.value.path).toBe('/elsewhere');
    await nextTick();
    expect(unload()).toBe(false);

    const second = await open();
    await second.editor.load();
    second.editor.draft.value = { ...STORED, label: { en: 'Sales' } };
    vi.mocked(ElMessageBox.confirm).mockResolvedValueOnce('confirm' as MessageBoxData);
    await second.router.push('/elsewhere');
    expect(ElMessageBox.confirm).toHaveBeenCalledTimes(2);
    expect(second.router.currentRoute.value.path).toBe('/elsewhere');
  });
});
