import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, configureClient } from '@/api/client';
import { isApiError } from '@/api/api-error';
import type { CookieLogin, UiSession, User } from '@/api/types';
import { currentLanguage, setLanguage } from '@/i18n';

/** Who is logged in. The session is an httpOnly cookie; only its CSRF token is known to the page. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null);
  const checked = ref(false);
  const loggedIn = computed(() => user.value !== null);
  const superuser = computed(() => user.value?.superuser === true);

  async function loadUser(): Promise<void> {
    user.value = await api.get<User>('/auth/me', undefined, { quietUnauthenticated: true });
  }

  /** Picks up an existing cookie session (after a reload or in a new tab). */
  async function restore(): Promise<void> {
    if (checked.value) return;
    try {
      const { csrfToken, kind } = await api.get<UiSession>('/ui/session', undefined, { quietUnauthenticated: true });
      // A portal user's session (the cookie is shared with the portal) belongs to the portal, not here.
      if (kind === 'portal') {
        user.value = null;
        if (!window.location.pathname.startsWith('/portal')) window.location.assign('/portal');
        return;
      }
      configureClient({ csrfToken });
      await loadUser();
    } catch (error) {
      if (!isApiError(error) || error.status !== 401) throw error;
      user.value = null;
    } finally {
      checked.value = true;
    }
  }

  async function logIn(username: string, password: string): Promise<void> {
    // `app: 'staff'`: portal users are refused here and told to sign in at /portal.
    const answer = await api.post<CookieLogin>('/auth/login', { username, password, session: 'cookie', app: 'staff' }, { quietUnauthenticated: true });
    configureClient({ csrfToken: answer.csrfToken });
    await loadUser();
    checked.value = true;
  }

  async function logOut(): Promise<void> {
    try {
      await api.post('/auth/logout', undefined, { quietUnauthenticated: true });
    } finally {
      forget();
    }
  }

  function forget(): void {
    user.value = null;
    configureClient({ csrfToken: null });
  }

  function switchLanguage(language: 'en' | 'zh-CN'): void {
    setLanguage(language);
    configureClient({ language });
  }

  configureClient({ language: currentLanguage() });
  return { user, checked, loggedIn, superuser, restore, logIn, logOut, forget, switchLanguage };
});
