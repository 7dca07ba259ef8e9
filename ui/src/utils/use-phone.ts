import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Narrower than this is a phone: the app shows its bottom bar, lists as cards and one-column pages. */
export const PHONE_WIDTH = 640;

/** Whether the window is phone-sized now, following rotations and resizes. */
export function usePhone(): Ref<boolean> {
  const query = window.matchMedia(`(max-width: ${PHONE_WIDTH - 0.02}px)`);
  const phone = ref(query.matches);
  const follow = (event: MediaQueryListEvent) => (phone.value = event.matches);
  query.addEventListener('change', follow);
  onBeforeUnmount(() => query.removeEventListener('change', follow));
  return phone;
}
