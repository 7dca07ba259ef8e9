import { ref, watch, type Ref } from 'vue';
import { api } from '@/api/client';
import { isApiError, type ErrorDetail } from '@/api/api-error';
import { errorLine } from '@/utils/error-text';

/** The platform's kinds POST /api/ui/check/<kind> checks (it also checks every kind a pack registered, by its name). */
export type CheckedKind = 'object' | 'role' | 'workflow';

export type LiveCheck = ReturnType<typeof useLiveCheck>;

/**
 * Sends a draft definition to POST /api/ui/check/<kind> shortly after each change and keeps the
 * server's problems (JSON pointers into the draft), so designers show them while the administrator edits.
 */
export function useLiveCheck(kind: string, draft: Readonly<Ref<unknown>>, options: { delay?: number; enabled?: () => boolean } = {}) {
  const delay = options.delay ?? 500;
  const enabled = options.enabled ?? (() => true);
  const problems = ref<ErrorDetail[]>([]);
  const checking = ref(false);
  const failure = ref('');
  let timer: ReturnType<typeof setTimeout> | null = null;
  let sequence = 0;

  async function check() {
    if (!enabled()) return;
    const mine = ++sequence;
    checking.value = true;
    try {
      await api.post(`/ui/check/${kind}`, draft.value);
      if (mine === sequence) {
        problems.value = [];
        failure.value = '';
      }
    } catch (error) {
      if (mine !== sequence) return;
      if (isApiError(error) && error.status === 422) {
        problems.value = error.details.length ? error.details : [{ path: '', message: error.message }];
        failure.value = '';
      } else failure.value = errorLine(error);
    } finally {
      if (mine === sequence) checking.value = false;
    }
  }

  watch(draft, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, delay);
  }, { deep: true, immediate: true });

  /** Problems at or below a JSON pointer. */
  const at = (pointer: string) => problems.value.filter((p) => p.path === pointer || p.path.startsWith(`${pointer}/`));
  return { problems, checking, failure, check, at };
}
