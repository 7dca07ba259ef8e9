import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Router } from 'vue-router';
import { api, configureClient } from '@/api/client';
import { isApiError } from '@/api/api-error';
import type { CookieLogin, PortalUi, UiSession, User } from '@/api/types';
import { currentLanguage, setLanguage, type Language } from '@/i18n';
import { packPage, type PageLoader } from '@/router/pack-pages';

export type PortalMenuItem = PortalUi['menu'][number];

/**
 * The customer portal's session and pages. A portal user signs in with `app: 'portal'`; a staff
 * session opened on /portal is only noted (`staffVisitor`), so the portal can say where staff belong.
 * The installed packs' portal pages (`ui.portal`, GET /api/portal/ui) become routes under /portal.
 */
export const usePortalStore = defineStore('portal', () => {
  const user = ref<User | null>(null);
  const company = ref<string | null>(null);
  const staffVisitor = ref(false);
  const checked = ref(false);
  const menu = ref<PortalMenuItem[]>([]);
  const pagesLoaded = ref(false);
  const missing = ref<string[]>([]);
  const loggedIn = computed(() => user.value !== null);

  async function loadUser(): Promise<void> {
    user.value = await api.get<User>('/auth/me', undefined, { quietUnauthenticated: true });
    company.value = null;
    const account = user.value.account;
    if (account) {
      try {
        const record = await api.get<Record<string, unknown>>(`/records/${account.object}/${account.id}`);
        company.value = typeof record.name === 'string' ? record.name : null;
      } catch {
        company.value = null;
      }
    }
  }

  async function restore(): Promise<void> {
    if (checked.value) return;
    try {
      const { csrfToken, kind } = await api.get<UiSession>('/ui/session', undefined, { quietUnauthenticated: true });
      configureClient({ csrfToken });
      if (kind === 'portal') await loadUser();
      else staffVisitor.value = true;
    } catch (error) {
      if (!isApiError(error) || error.status !== 401) throw error;
      user.value = null;
    } finally {
      checked.value = true;
    }
  }

  /** Adds the packs' portal pages to the router, once. */
  async function loadPages(router: Router): Promise<void> {
    if (pagesLoaded.value) return;
    const ui = await api.get<PortalUi>('/portal/ui', undefined, { quietUnauthenticated: true });
    const absent: string[] = [];
    for (const page of ui.pages) {
      const loader: PageLoader | null = packPage(page.pack, `portal/${page.component}`);
      if (!loader) {
        absent.push(`${page.pack}/portal/${page.component}`);
        continue;
      }
      const path = page.path.replace(/^\/portal\/?/, '');
      // A pack's own portal home replaces the plain welcome page.
      if (path === '' && router.hasRoute('portal-home')) router.removeRoute('portal-home');
      router.addRoute('portal', { path, name: `portal:${page.pack}:${page.path}`, component: loader, meta: { title: page.title } });
    }
    menu.value = ui.menu;
    missing.value = absent;
    pagesLoaded.value = true;
  }

  async function logIn(username: string, password: string): Promise<void> {
    const answer = await api.post<CookieLogin>('/auth/login', { username, password, session: 'cookie', app: 'portal' }, { quietUnauthenticated: true });
    configureClient({ csrfToken: answer.csrfToken });
    staffVisitor.value = false;
    await loadUser();
    checked.value = true;
  }

  async function logOut(): Promise<void> {
    try {
      await api.post('/auth/logout', undefined, { quietUnauthenticated: true });
    } finally {
      user.value = null;
      company.value = null;
      configureClient({ csrfToken: null });
    }
  }

  function switchLanguage(language: Language): void {
    setLanguage(language);
    configureClient({ language });
  }

  configureClient({ language: currentLanguage() });
  return { user, company, staffVisitor, checked, loggedIn, menu, missing, pagesLoaded, restore, loadPages, logIn, logOut, switchLanguage };
});
