import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import './styles/base.css';
// Components called from code (not templates) need their styles imported here.
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
