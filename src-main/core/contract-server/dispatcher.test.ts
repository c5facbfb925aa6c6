import { beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from './handlers';
import { tempServices } from '../../testkit/temp-services';
import { createDispatcher, type Dispatch } from './dispatcher';

const context = { clientId: 'test' };

describe('contract dispatcher over the real core', () => {
  const services = tempServices();
  let dispatch: Dispatch;

  beforeAll(() => {
    dispatch = createDispatcher(createHandlers(services()));
  });

  it('rejects an unknown channel without running anything', async () => {
    expect(await dispatch('nodes:destroyAll', {}, context)).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel: "nodes:destroyAll"' },
    });
    expect((await dispatch(42, {}, context)).ok).toBe(false);
  });

  it('rejects bad input with a message naming the field', async () => {
    const result = await dispatch('nodes:add', { name: '', host: 'http://evil/', apiPort: 70000 }, context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_INPUT');
    expect(result.error.message).toContain('name: Name is required');
    expect(result.error.message).toContain('host: Host must be a host name or IP address');
    expect(result.error.message).toContain('apiPort');
  });

  it('adds, lists and removes a node, publishing fleet changes', async () => {
    const seen: string[] = [];
    const dispose = services().events.subscribe('fleet:onChanged', (payload) => seen.push(payload.reason));
    const added = await dispatch('nodes:add', { name: 'stratus-1', host: '203.0.113.7', apiPort: 16137, tags: ['home'] }, context);
    expect(added).toMatchObject({ ok: true, value: { name: 'stratus-1', apiPort: 16137, sshPort: 22, tags: ['home'], auth: { kind: 'none' } } });
    const listed = await dispatch('nodes:list', {}, context);
    expect(listed).toMatchObject({ ok: true, value: [{ name: 'stratus-1' }] });
    const id = added.ok ? (added.value as { id: number }).id : -1;
    expect(await dispatch('nodes:remove', { id }, context)).toMatchObject({ ok: true, value: { removed: { name: 'stratus-1' } } });
    expect(await dispatch('nodes:list', {}, context)).toEqual({ ok: true, value: [] });
    expect(seen).toEqual(['added', 'removed']);
    dispose();
  });

  it('turns expected failures into coded errors, not exceptions', async () => {
    await dispatch('nodes:add', { name: 'dup', host: '198.51.100.1' }, context);
    expect(await dispatch('nodes:add', { name: 'DUP', host: '198.51.100.2' }, context)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await dispatch('nodes:add', { name: 'twin', host: '198.51.100.1' }, context)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '198.51.100.1:16127 is already registered as "dup"' },
    });
    expect(await dispatch('nodes:remove', { id: 9999 }, context)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch('nodes:add', { name: 'k', host: '198.51.100.3', credentials: { kind: 'key-file', path: '/nonexistent/key' } }, context)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'Key file /nonexistent/key does not exist or is not readable (ENOENT)' },
    });
  });

  it('keeps secrets out of the node record and the nodes table', async () => {
    const result = await dispatch('nodes:add', { name: 'pw', host: '198.51.100.9', username: 'flux', credentials: { kind: 'password', password: 'hunter2-secret' } }, context);
    expect(JSON.stringify(result)).not.toContain('hunter2-secret');
    const rows = services().db.prepare('SELECT * FROM nodes').all();
    expect(JSON.stringify(rows)).not.toContain('hunter2-secret');
  });
});
