import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { connectClient } from './bridge';
import { createAppRouter } from './router';
import './styles.css';

connectClient();
createApp(App).use(createPinia()).use(createAppRouter()).mount('#app');
