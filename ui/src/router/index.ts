import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSessionStore } from '@/stores/session';
import LoginView from '@/views/LoginView.vue';
import AppShell from '@/layouts/AppShell.vue';
import { adminRoutes } from './admin-routes';
import { portalRoutes, portalGuard } from './portal-routes';

const shellRoutes: RouteRecordRaw[] = [
  { path: '', name: 'home', component: () => import('@/views/HomeView.vue') },
  { path: 'o/:object', name: 'list', component: () => import('@/views/records/RecordListView.vue'), props: true },
  { path: 'o/:object/new', name: 'create', component: () => import('@/views/records/RecordEditView.vue'), props: true },
  { path: 'o/:object/:id', name: 'record', component: () => import('@/views/records/RecordView.vue'), props: true },
  { path: 'o/:object/:id/edit', name: 'edit', component: () => import('@/views/records/RecordEditView.vue'), props: true },
  { path: 'inbox', name: 'inbox', component: () => import('@/views/inbox/InboxView.vue') },
  { path: 'search', name: 'search', component: () => import('@/views/SearchView.vue') },
  { path: 'recycle-bin', name: 'recycle-bin', component: () => import('@/views/RecycleBinView.vue') },
  ...adminRoutes,
  { path: ':rest(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue') },
];

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
    ...portalRoutes,
    { path: '/', name: 'shell', component: AppShell, children: shellRoutes },
  ],
});

// Views that name themselves set the title when they render; the others show the product's name.
router.afterEach(() => {
  document.title = 'Tessera';
});

router.beforeEach(async (to) => {
  // The portal has its own session and sign-in (portal-routes.ts); staff routes never serve portal users.
  if (to.path === '/portal' || to.path.startsWith('/portal/')) return portalGuard(to, router);
  const session = useSessionStore();
  await session.restore();
  if (to.meta.public) return session.loggedIn && to.name === 'login' ? { name: 'home' } : true;
  if (!session.loggedIn) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  if (to.meta.admin && !session.superuser) return { name: 'home' };
  return true;
});
