import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { mount } from '@vue/test-utils';
import { setClient } from '../bridge';
import { FakeClient } from '../testkit/fake-client';
import { useAppStore } from '../stores/app.store';
import StorageBanner from './StorageBanner.vue';

describe('storage banner', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('shows one banner while history is not saved, and hides it when writing resumes', async () => {
    const fake = new FakeClient().handle('app:storage', () => ({ ok: true, value: { saving: true, pending: 0 } }));
    setClient(fake);
    const app = useAppStore();
    await app.followStorage();
    const wrapper = mount(StorageBanner);
    expect(wrapper.find('[data-testid="storage-banner"]').exists()).toBe(false);

    fake.emit('app:onStorage', { saving: false, reason: 'history is not being saved: disk full', since: 1, pending: 12 });
    await wrapper.vm.$nextTick();
    expect(wrapper.findAll('[data-testid="storage-banner"]')).toHaveLength(1);
    expect(wrapper.text()).toContain('history is not being saved: disk full');
    expect(wrapper.text()).toContain('12 results waiting');

    fake.emit('app:onStorage', { saving: true, pending: 0 });
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-testid="storage-banner"]').exists()).toBe(false);
  });
});
