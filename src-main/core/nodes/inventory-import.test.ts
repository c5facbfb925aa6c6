import { describe, expect, it } from 'vitest';
import { tempServices } from '../../testkit/temp-services';
import { InventoryImporter } from './inventory-import';

const FP_A = `SHA256:${'A'.repeat(43)}`;
const FP_B = `SHA256:${'B'.repeat(43)}`;

describe('inventory import', () => {
  const services = tempServices();

  const inventory = (fingerprint: string) => ({
    publicApi: 'http://127.0.0.1:9/',
    nodes: [
      { name: 'n1', host: '127.0.0.2', sshPort: 2201, apiPort: 16127, username: 'flux', privateKeyPath: '/keys/id', hostKey: { type: 'ssh-ed25519', fingerprint }, tags: ['demo'] },
      { name: 'n2', host: '127.0.0.3', username: 'operator' },
    ],
  });

  it('registers every node, pins its host key and sets the public API only when asked', () => {
    const report = services().importer.import(InventoryImporter.parse(JSON.stringify(inventory(FP_A))), { setPublicApi: true });
    expect(report).toEqual({ added: ['n1', 'n2'], skipped: [], hostKeys: { imported: 1, unchanged: 0, conflicts: 0 }, publicApi: 'http://127.0.0.1:9/' });
    expect(services().nodes.list().map((node) => [node.name, node.auth.kind, node.apiPort])).toEqual([
      ['n1', 'key-file', 16127],
      ['n2', 'none', 16127],
    ]);
    expect(services().hostKeys.isPinned('127.0.0.2', 2201, 'ssh-ed25519', FP_A)).toBe(true);
    expect(services().settings.get('publicApi')).toBe('http://127.0.0.1:9/');
  });

  it('can be repeated: known names are skipped and a conflicting key is not silently replaced', () => {
    const report = services().importer.import(InventoryImporter.parse(inventory(FP_B)));
    expect(report.added).toEqual([]);
    expect(report.skipped).toEqual(['n1', 'n2']);
    expect(report.hostKeys.conflicts).toBe(1);
    expect(services().hostKeys.isPinned('127.0.0.2', 2201, 'ssh-ed25519', FP_A)).toBe(true);
  });

  it('explains what is wrong with a bad file', () => {
    expect(() => InventoryImporter.parse('{"nodes": [')).toThrow(/Inventory is not valid JSON/);
    expect(() => InventoryImporter.parse({ nodes: [{ name: 'x', host: 'a b', username: 'u' }] })).toThrow("Inventory: node 1: host must be a host name or IP address");
    expect(() => InventoryImporter.parse({ nodes: [{ name: '<script>', host: '1.2.3.4', username: 'u' }] })).toThrow('Inventory: node 1: name must be 1 to 64 letters, digits, spaces, dots, underscores or dashes');
  });
});
