import { rename, writeFile } from 'node:fs/promises';
import { inventorySchema, type Inventory } from '../../src-shared/inventory.schema';

/**
 * Writes an inventory file atomically (temp file + rename), so a reader polling for it never sees
 * half a file. The inventory is validated first: the simulator must write what `nodes import` reads.
 */
export async function writeInventoryFile(path: string, inventory: Inventory): Promise<void> {
  const checked = inventorySchema.parse(inventory);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o644 });
  await rename(tmp, path);
}
