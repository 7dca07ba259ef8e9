import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessageBox } from 'element-plus';
import { api } from '@/api/client';
import { errorText, type ErrorText } from '@/utils/error-text';

/**
 * Deletes a calendar after asking; the server refuses one a workflow counts on (409, a detail for each
 * place that names it), and the refusal is kept for the page to show.
 */
export function useDeleteCalendar() {
  const { t } = useI18n();
  const refusal = ref<ErrorText | null>(null);
  async function remove(name: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(t('calendars.confirmDelete', { name }), t('common.delete'), { type: 'warning', confirmButtonText: t('common.delete'), cancelButtonText: t('common.cancel') });
    } catch {
      return false;
    }
    refusal.value = null;
    try {
      await api.delete(`/meta/calendars/${name}`);
      return true;
    } catch (error) {
      refusal.value = errorText(error);
      return false;
    }
  }
  return { remove, refusal };
}
