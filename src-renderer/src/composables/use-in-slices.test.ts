import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { computed, defineComponent, h, nextTick, ref } from 'vue';
import { useInSlices } from './use-in-slices';

const items = Array.from({ length: 100 }, (_, i) => `app-${i}`);
/** Lets the slice timers (setTimeout 0) run. */
const tasks = (n: number) => new Promise<void>((resolve) => setTimeout(resolve, n));

function mountList() {
  const filter = ref('');
  const List = defineComponent({
    setup() {
      const list = computed(() => items.filter((item) => item.includes(filter.value)));
      const shown = useInSlices(() => list.value, 25, filter);
      return () => h('ul', shown.value.map((item) => h('li', { key: item }, item)));
    },
  });
  return { wrapper: mount(List), filter };
}

describe('useInSlices', () => {
  it('mounts a slice first and the rest in later tasks', async () => {
    const { wrapper } = mountList();
    expect(wrapper.findAll('li')).toHaveLength(25);
    await tasks(20);
    expect(wrapper.findAll('li')).toHaveLength(100);
  });

  it('starts again at one slice when the filter changes', async () => {
    const { wrapper, filter } = mountList();
    await tasks(20);
    expect(wrapper.findAll('li')).toHaveLength(100);
    filter.value = 'app-';
    await nextTick();
    expect(wrapper.findAll('li')).toHaveLength(25);
    await tasks(20);
    expect(wrapper.findAll('li')).toHaveLength(100);
  });
});
