import { watchEffect } from 'vue';

/** Keeps the browser tab's title on what the page shows (`<text> · Tessera`). */
export function usePageTitle(text: () => string): void {
  watchEffect(() => {
    const part = text();
    document.title = part ? `${part} · Tessera` : 'Tessera';
  });
}
