import type { RouteRecordRaw } from 'vue-router';

// Administration is its own lazy chunks: people who never open it never download it.
export const adminRoutes: RouteRecordRaw[] = [
  { path: 'admin/objects', name: 'admin-objects', component: () => import('@/views/admin/ObjectListView.vue'), meta: { admin: true } },
  { path: 'admin/objects/:name', name: 'admin-object', component: () => import('@/views/admin/ObjectDesignerView.vue'), props: true, meta: { admin: true } },
  { path: 'admin/organisation', name: 'admin-organisation', component: () => import('@/views/admin/OrganisationView.vue'), meta: { admin: true } },
  { path: 'admin/roles', name: 'admin-roles', component: () => import('@/views/admin/RoleListView.vue'), meta: { admin: true } },
  { path: 'admin/roles/:name', name: 'admin-role', component: () => import('@/views/admin/RoleEditorView.vue'), props: true, meta: { admin: true } },
  { path: 'admin/workflows', name: 'admin-workflows', component: () => import('@/views/admin/WorkflowListView.vue'), meta: { admin: true } },
  { path: 'admin/calendars', name: 'admin-calendars', component: () => import('@/views/admin/CalendarListView.vue'), meta: { admin: true } },
  { path: 'admin/calendars/:name', name: 'admin-calendar', component: () => import('@/views/admin/CalendarEditorView.vue'), props: true, meta: { admin: true } },
  { path: 'admin/config-transfer', name: 'admin-config-transfer', component: () => import('@/views/admin/ConfigTransferView.vue'), meta: { admin: true } },
  { path: 'admin/workflows/:name', name: 'admin-workflow', component: () => import('@/views/admin/WorkflowDesignerView.vue'), props: true, meta: { admin: true } },
];
