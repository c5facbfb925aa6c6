import { AppError } from '../../errors';
import { emptySource, type ImportSource } from './import-source';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** FluxDeck's own JSON inventory (what `fluxdeck sim --inventory` writes, or a hand-written list). */
export function inventorySource(text: string): ImportSource {
  const source = emptySource('inventory');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError('BAD_INPUT', `Inventory is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const nodes = Array.isArray(value) ? value : isRecord(value) ? value.nodes : undefined;
  if (!Array.isArray(nodes)) throw new AppError('BAD_INPUT', 'Inventory: expected {"nodes": [...]}');
  if (isRecord(value) && typeof value.publicApi === 'string') source.publicApi = value.publicApi;
  nodes.forEach((node, index) => {
    const label = isRecord(node) && typeof node.name === 'string' && node.name ? node.name.slice(0, 64) : `node ${index + 1}`;
    if (!isRecord(node)) {
      source.skip.push({ name: label, reason: 'is not an object' });
      return;
    }
    source.candidates.push({ label, values: node });
    const key = node.hostKey;
    if (isRecord(key) && typeof key.type === 'string' && typeof key.fingerprint === 'string' && typeof node.host === 'string') {
      const port = typeof node.sshPort === 'number' ? node.sshPort : 22;
      source.pins.push({ host: node.host, port, keyType: key.type, fingerprint: key.fingerprint });
    }
  });
  return source;
}
