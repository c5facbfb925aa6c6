import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { connectClient } from './bridge';
import { loadDarkTheme } from './composables/use-dark-theme';
import { systemPrefersDark } from './composables/use-preferred-dark';
import { createAppRouter, showsFleet } from './router';
import { isDark, useAppStore } from './stores/app.store';
import { useFleetStore } from './stores/fleet.store';
import './styles.css';

connectClient();
const pinia = createPinia();
const router = createAppRouter();
// The fleet snapshot is the largest answer the app waits for: asked for now, main builds and sends
// it while the page's view chunk loads and mounts, instead of after.
if (showsFleet(router, location.hash.slice(1) || '/')) useFleetStore(pinia).preload();
// A dark window waits for the dark theme's chunk, so its first paint is dark too.
if (isDark(useAppStore(pinia).theme, systemPrefersDark())) await loadDarkTheme();
createApp(App).use(pinia).use(router).mount('#app');
