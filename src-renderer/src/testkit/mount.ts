import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { NDialogProvider, NMessageProvider } from 'naive-ui';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { routes } from '../router';

/**
 * Mounts the app's routes at `path` inside Naive's providers with a fresh Pinia, as App.vue
 * would, and waits for the route's lazy component.
 */
export async function mountRoute(path: string): Promise<{ wrapper: VueWrapper<unknown>; router: Router }> {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push(path);
  await router.isReady();
  const Shell = defineComponent({
    setup: () => () => h(NMessageProvider, () => h(NDialogProvider, () => h(RouterView))),
  });
  const wrapper = mount(Shell, { attachTo: document.body, global: { plugins: [pinia, router] } });
  return { wrapper, router };
}

/** happy-dom does no layout; the virtualizer needs a viewport height to pick its window. */
export function giveElementsSize(height = 660, width = 1400): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    clientWidth: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
  };
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => width });
  return () => {
    for (const [key, descriptor] of Object.entries(saved)) {
      if (descriptor) Object.defineProperty(proto, key, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[key];
    }
  };
}

export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
