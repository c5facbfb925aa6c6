import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../services';
import { startSimFleet, type SimFleet } from '../../sim';
import { makeTempDir } from '../../testkit/temp-dir';

describe('SSH check and host-key trust against a simulated node', () => {
  const temp = makeTempDir();
  let fleet: SimFleet;
  let services: Services;
  let nodeId: number;

  beforeAll(async () => {
    fleet = await startSimFleet({ network: { height: 2_100_000 }, nodes: [{ name: 'legacy-1', preset: 'healthy-cumulus-legacy' }] }, { blockMs: 0 });
    services = createServices({ dataDir: temp.dir, mode: 'serve' });
    const node = fleet.inventory.nodes[0]!;
    const added = await services.nodes.add({
      name: node.name,
      host: node.host,
      sshPort: node.sshPort,
      apiPort: node.apiPort,
      username: node.username!,
      credentials: { kind: 'key-file', path: node.privateKeyPath! },
      tags: [],
    });
    nodeId = added.id;
  });
  afterAll(async () => {
    await services.close();
    await fleet.handle.close();
    temp.cleanup();
  });

  it('shows an unknown key before pinning anything or sending credentials', async () => {
    const check = await services.sshCheck.check(nodeId);
    expect(check).toEqual({ status: 'unknown-key', keyType: 'ssh-ed25519', fingerprint: fleet.inventory.nodes[0]!.hostKey!.fingerprint });
    expect(services.sshCheck.list(nodeId)).toEqual([]);
  });

  it('refuses to pin a well-formed fingerprint the node never presented', () => {
    const forged = `SHA256:${'A'.repeat(43)}`;
    expect(() => services.sshCheck.trust(nodeId, 'ssh-ed25519', forged)).toThrow(/has not presented the ssh-ed25519 key/);
    expect(services.sshCheck.list(nodeId)).toEqual([]);
  });

  it('connects once the user trusts the key', async () => {
    const fingerprint = fleet.inventory.nodes[0]!.hostKey!.fingerprint;
    expect(services.sshCheck.trust(nodeId, 'ssh-ed25519', fingerprint)).toMatchObject([{ keyType: 'ssh-ed25519', fingerprint, source: 'user' }]);
    const check = await services.sshCheck.check(nodeId);
    expect(check).toMatchObject({ status: 'ok', fingerprint, output: expect.stringContaining('x86_64') });
  });

  it('refuses a changed key, showing both fingerprints, until the user accepts the new one', async () => {
    const pinned = fleet.inventory.nodes[0]!.hostKey!.fingerprint;
    await fleet.handle.setFaults('legacy-1', { sshNewHostKey: true });
    const check = await services.sshCheck.check(nodeId);
    expect(check).toMatchObject({ status: 'mismatch', keyType: 'ssh-ed25519', previousFingerprint: pinned });
    if (check.status !== 'mismatch') return;
    expect(check.fingerprint).not.toBe(pinned);
    expect(services.sshCheck.list(nodeId)[0]!.fingerprint).toBe(pinned);

    // Naming the new key alone, the wrong previous pin, or a key it did not present: refused, old pin stays.
    expect(() => services.sshCheck.trust(nodeId, check.keyType, check.fingerprint)).toThrow(/replacing it needs that fingerprint too/);
    expect(() => services.sshCheck.trust(nodeId, check.keyType, check.fingerprint, `SHA256:${'B'.repeat(43)}`)).toThrow(/is not SHA256:B/);
    expect(() => services.sshCheck.trust(nodeId, check.keyType, `SHA256:${'C'.repeat(43)}`, pinned)).toThrow(/has not presented/);
    expect(services.sshCheck.list(nodeId).map((p) => p.fingerprint)).toEqual([pinned]);

    services.sshCheck.trust(nodeId, check.keyType, check.fingerprint, pinned);
    expect(await services.sshCheck.check(nodeId)).toMatchObject({ status: 'ok', fingerprint: check.fingerprint });
    // The presented key was used up: the same call again cannot re-run the replacement.
    expect(services.sshCheck.list(nodeId).map((p) => p.fingerprint)).toEqual([check.fingerprint]);
  });

  it('says when a node has no SSH credentials', async () => {
    const apiOnly = await services.nodes.add({ name: 'api-only', host: '192.0.2.1', sshPort: 22, apiPort: 16127, username: null, credentials: { kind: 'none' }, tags: [] });
    expect(await services.sshCheck.check(apiOnly.id)).toMatchObject({ status: 'no-ssh' });
  });
});
