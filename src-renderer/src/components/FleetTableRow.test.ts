import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { blankStatus } from '../../../src-shared/node-status';
import { mergeRow, toFleetRow } from '../../../src-shared/fleet-row';
import type { FleetRowChange } from '../../../src-shared/contract';
import { COLUMNS } from '../lib/fleet-columns';
import { buildRow, type FleetRow } from '../lib/fleet-query';
import { viewOf } from '../lib/fleet-row-view';
import FleetTableRow from './FleetTableRow.vue';

const NOW = Date.UTC(2026, 11, 3, 12);
const first = buildRow({ ...toFleetRow(blankStatus({ id: 7, name: 'cumulus-7', host: '10.0.0.7', tags: ['rack-1'] }, 'ok')), lastOkAt: NOW - 60_000, rank: 3 });

function next(row: FleetRow, change: Omit<FleetRowChange, 'nodeId'>): FleetRow {
  return buildRow(mergeRow(row.status, { nodeId: row.id, ...change })!, row);
}

function mountRow(row: FleetRow) {
  return mount(FleetTableRow, {
    props: { view: viewOf(row), columns: COLUMNS, owner: null, silencedUntil: null, uptime: undefined, selected: false, privacy: false, now: NOW },
  });
}

const cell = (wrapper: ReturnType<typeof mountRow>, testId: string) => wrapper.get(`[data-testid="${testId}"]`);

describe('fleet table row (cells memoized on what they show)', () => {
  it('a tick that changes health and the top problem redraws those cells and leaves the rest as they were', async () => {
    const wrapper = mountRow(first);
    expect(cell(wrapper, 'health-badge').attributes('data-health')).toBe('ok');
    expect(cell(wrapper, 'fleet-row-why').text()).toBe('');

    const warned = next(first, { health: 'warning', problem: { code: 'DISK_LOW', severity: 'warning', message: 'Disk 9 % free on /' }, problemCount: 2 });
    await wrapper.setProps({ view: viewOf(warned) });
    expect(cell(wrapper, 'health-badge').attributes('data-health')).toBe('warning');
    expect(cell(wrapper, 'health-badge').text()).toContain('Warning');
    expect(cell(wrapper, 'fleet-row-why').text()).toBe('Disk 9 % free on /');
    expect(cell(wrapper, 'fleet-row-why').attributes('title')).toBe('DISK_LOW: Disk 9 % free on / (+1 more on the node page)');
    expect(cell(wrapper, 'fleet-row-host').text()).toBe('10.0.0.7');
  });

  it('privacy, the owner, selection, the clock and a rename reach the cells that read them', async () => {
    const wrapper = mountRow(first);
    await wrapper.setProps({ privacy: true });
    expect(cell(wrapper, 'fleet-row-host').text()).not.toContain('10.0.0.7');
    await wrapper.setProps({ owner: 'Alice' });
    expect(cell(wrapper, 'fleet-row-owner').text()).toBe('Alice');
    await wrapper.setProps({ selected: true });
    expect((cell(wrapper, 'fleet-row-check').element as HTMLInputElement).checked).toBe(true);

    const lastSeen = () => wrapper.findAll('[role="gridcell"]').at(COLUMNS.findIndex((c) => c.id === 'lastSeen') + 1)!.text();
    const before = lastSeen();
    await wrapper.setProps({ now: NOW + 3 * 3_600_000 });
    expect(lastSeen()).not.toBe(before);

    await wrapper.setProps({ view: viewOf(next(first, { name: 'cumulus-7b' })) });
    expect(cell(wrapper, 'fleet-row-name').text()).toBe('cumulus-7b');
    expect(wrapper.find('[data-testid="poll-now-cumulus-7b"]').exists()).toBe(true);
    expect(cell(wrapper, 'fleet-row-check').attributes('aria-label')).toBe('Select cumulus-7b');
  });
});
