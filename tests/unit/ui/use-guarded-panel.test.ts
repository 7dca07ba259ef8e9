import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRenderer, defineComponent, h, nextTick, type Component } from 'vue';
import { useGuardedPanel } from '../../../ui/src/components/records/use-guarded-panel.ts';

// A pack's record panel that fails to load or throws while drawing must not break the record page
// (docs/plugins.md, "Record panels"): the panel turns into a notice, and the rest of the page is drawn.

/* eslint-disable vue/one-component-per-file -- the page, its panel and the panels' stand-ins */
const noop = () => undefined;
const drawn: string[] = [];
const { createApp } = createRenderer<object, object>({
  createElement: (tag) => (drawn.push(tag), {}), createText: () => ({}), createComment: () => ({}), setText: noop, setElementText: noop,
  insert: noop, remove: noop, patchProp: noop, parentNode: () => null, nextSibling: () => null,
});

/** A record page with one pack panel (drawn as `notice` once it failed) and the page's own part beside it. */
async function page(loader: () => Promise<Component>) {
  let failed: { value: boolean } | undefined;
  const Panel = defineComponent({
    setup() {
      const guarded = useGuardedPanel(() => ({ key: 'pack:Panel.vue:account', loader }));
      failed = guarded.failed;
      return () => (guarded.failed.value ? h('notice') : h(guarded.component.value, { id: '7', record: { id: '7', name: 'Acme' } }));
    },
  });
  const Page = defineComponent({ render: () => h('page', [h(Panel), h('details')]) });
  createApp(Page).mount({});
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0)).then(nextTick);
  return { failed: () => failed!.value };
}

beforeEach(() => {
  drawn.length = 0;
  vi.spyOn(console, 'error').mockImplementation(noop);
  vi.spyOn(console, 'warn').mockImplementation(noop);
});
afterEach(() => vi.restoreAllMocks());

describe('a guarded record panel', () => {
  it('draws a panel that loads, with the props the page gives it', async () => {
    let received: unknown;
    const Good = defineComponent({ props: { id: { type: String, required: true }, record: { type: Object, required: true } }, setup: (props) => ((received = { ...props }), () => h('good')) });
    const { failed } = await page(async () => Good);
    expect(failed()).toBe(false);
    expect(received).toEqual({ id: '7', record: { id: '7', name: 'Acme' } });
    expect(drawn).toEqual(expect.arrayContaining(['page', 'details', 'good']));
  });

  it('shows the notice when the panel\'s code does not load, and the page is drawn', async () => {
    const { failed } = await page(() => Promise.reject(new Error('chunk missing')));
    expect(failed()).toBe(true);
    expect(drawn).toEqual(expect.arrayContaining(['page', 'details', 'notice']));
    expect(console.error).toHaveBeenCalledWith('the record panel pack:Panel.vue:account did not load', expect.any(Error));
  });

  it('shows the notice when the panel throws while drawing, and the page is drawn', async () => {
    const Broken = defineComponent({ setup: () => () => { throw new Error('cannot draw'); } });
    const { failed } = await page(async () => Broken);
    expect(failed()).toBe(true);
    expect(drawn).toEqual(expect.arrayContaining(['page', 'details', 'notice']));
    expect(drawn).not.toContain('good');
  });
});
