import { defineAsyncComponent, onErrorCaptured, ref, shallowRef, watch, type Component } from 'vue';
import type { PageLoader } from '@/router/pack-pages';

/**
 * A pack's component for the calling component to draw, loaded on first use, and `failed` once it did
 * not load or threw while drawing (the error stops here and goes to the console): the caller shows a
 * notice instead, and the page around it goes on working. A new loader starts afresh.
 */
export function useGuardedPanel(source: () => { key: string; loader: PageLoader }) {
  const failed = ref(false);
  const load = (key: string, loader: PageLoader): Component => defineAsyncComponent({
    loader,
    onError(error, _retry, fail) {
      console.error(`the record panel ${key} did not load`, error);
      failed.value = true;
      fail();
    },
  });
  const component = shallowRef<Component>(load(source().key, source().loader));
  watch(() => source().key, () => {
    failed.value = false;
    component.value = load(source().key, source().loader);
  });
  onErrorCaptured((error) => {
    console.error(`the record panel ${source().key} failed`, error);
    failed.value = true;
    return false;
  });
  return { component, failed };
}
