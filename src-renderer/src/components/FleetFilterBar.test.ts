import { createPinia, setActivePinia } from 'pinia';
import { mount } from '@vue/test-utils';
import { NSelect } from 'naive-ui';
import { describe, expect, it } from 'vitest';
import { setClient } from '../bridge';
import { FakeClient, FakeFleet, makeStatus } from '../testkit/fake-client';
import { useFleetStore } from '../stores/fleet.store';
import FleetFilterBar from './FleetFilterBar.vue';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mountBar() {
  setClient(new FakeFleet([makeStatus(1), makeStatus(2)]).install(new FakeClient()));
  setActivePinia(createPinia());
  const fleet = useFleetStore();
  fleet.start();
  await flush();
  const wrapper = mount(FleetFilterBar);
  const select = (testId: string) => wrapper.findAllComponents(NSelect).find((s) => s.attributes('data-testid') === testId)!;
  const options = (testId: string) => (select(testId).props('options') ?? []).map((option) => option.value);
  return { fleet, wrapper, select, options };
}

describe('fleet filter bar', () => {
  it('lists a select’s values when it opens, in natural order', async () => {
    const { select, options } = await mountBar();
    expect(options('filter-tier')).toEqual([]);
    select('filter-tier').vm.$emit('update:show', true);
    await flush();
    expect(options('filter-tier')).toEqual(['NIMBUS', 'STRATUS']);
    expect(options('filter-tag')).toEqual([]);
    select('filter-tag').vm.$emit('update:show', true);
    await flush();
    expect(options('filter-tag')).toEqual(['even', 'odd']);
  });

  it('lists them at once when the filter already has a value, so the select can name it', async () => {
    const { fleet, options } = await mountBar();
    fleet.filter.tier = 'NIMBUS';
    await flush();
    expect(options('filter-tier')).toEqual(['NIMBUS', 'STRATUS']);
  });
});
