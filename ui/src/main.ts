import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { configureClient } from './api/client';
import { i18n } from './i18n';
import { router } from './router';
import { registerServiceWorker } from './utils/service-worker';
import './styles/base.css';
// Components called from code (not templates) need their styles imported here.
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';

// A session that ends (expired, revoked, logged out elsewhere) sends the user to the login page with a
// full reload, so nothing the previous user saw stays in memory. Several calls may fail at once: only the
// first one navigates, since a second navigation would abort the first.
let leaving = false;
configureClient({
  onUnauthenticated: () => {
    const here = window.location.pathname + window.location.search;
    // The portal has its own sign-in page, and its public pages need no session.
    const login = here.startsWith('/portal') ? '/portal/login' : '/login';
    if (leaving || here.startsWith(login) || /^\/portal\/(sign-up|verify)/.test(here)) return;
    leaving = true;
    window.location.assign(`${login}?next=${encodeURIComponent(here)}`);
  },
});

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
registerServiceWorker();
