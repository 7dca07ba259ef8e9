import type { RouteLocationNormalized, RouteRecordRaw, Router } from 'vue-router';
import { usePortalStore } from '@/stores/portal';

/**
 * The customer portal at /portal: its own light layout, sign-in, sign-up and e-mail verification;
 * the packs' portal pages (`ui.portal` in pack.json) are added under it once known (docs/ui.md, "The portal").
 */
export const portalRoutes: RouteRecordRaw[] = [
  { path: '/portal/login', name: 'portal-login', component: () => import('@/views/portal/PortalLoginView.vue'), meta: { public: true } },
  { path: '/portal/sign-up', name: 'portal-sign-up', component: () => import('@/views/portal/PortalSignUpView.vue'), meta: { public: true } },
  { path: '/portal/verify', name: 'portal-verify', component: () => import('@/views/portal/PortalVerifyView.vue'), meta: { public: true } },
  {
    path: '/portal',
    name: 'portal',
    component: () => import('@/layouts/PortalShell.vue'),
    children: [
      { path: '', name: 'portal-home', component: () => import('@/views/portal/PortalWelcomeView.vue') },
      { path: ':rest(.*)*', name: 'portal-not-found', component: () => import('@/views/NotFoundView.vue') },
    ],
  },
];

/** Who may see which portal page: the public pages anyone; the rest a signed-in portal user (staff see the shell's notice). */
export async function portalGuard(to: RouteLocationNormalized, router: Router) {
  const portal = usePortalStore();
  await portal.restore();
  if (!portal.loggedIn && !portal.staffVisitor) {
    if (to.meta.public) return true;
    return { name: 'portal-login', query: to.fullPath !== '/portal' ? { next: to.fullPath } : {} };
  }
  if (to.meta.public) return to.name === 'portal-login' && portal.loggedIn ? { path: '/portal' } : true;
  if (portal.loggedIn && !portal.pagesLoaded) {
    await portal.loadPages(router);
    // The packs' pages are routes now: resolve the link again (a deep link, or a pack's own home).
    return to.fullPath;
  }
  return true;
}
