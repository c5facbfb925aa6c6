import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { faultsSchema } from './faults';
import type { SimFleetHandle } from './fleet';

/**
 * One line of `fluxdeck sim --control-stdin`: switch faults on a running node, or clear them, so a
 * soak test in another process can make nodes hang, drop or change keys and come back; or schedule
 * a node's ArcaneOS reinstall `inBlocks` blocks from now (the controlling process does not know the
 * height), so a UI test can walk a migration run at its own pace.
 */
const controlLine = z.union([
  z.object({ node: z.string().min(1), faults: faultsSchema }).strict(),
  z.object({ node: z.string().min(1), clear: z.literal(true) }).strict(),
  z.object({ node: z.string().min(1), reinstall: z.object({ inBlocks: z.number().int().min(1).max(10_000), ip: z.string().min(1).max(64) }).strict() }).strict(),
]);

type ControlledFleet = Pick<SimFleetHandle, 'setFaults' | 'clearFaults' | 'setState' | 'height'>;

/** Applies one control line; returns an error text for a bad line instead of throwing. */
export async function applyControlLine(handle: ControlledFleet, line: string): Promise<string | null> {
  if (line.trim() === '') return null;
  let parsed: z.infer<typeof controlLine>;
  try {
    parsed = controlLine.parse(JSON.parse(line));
  } catch (error) {
    return `bad control line: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}`;
  }
  try {
    if ('clear' in parsed) await handle.clearFaults(parsed.node);
    else if ('reinstall' in parsed) handle.setState(parsed.node, { reinstall: { atBlock: handle.height + parsed.reinstall.inBlocks, ip: parsed.reinstall.ip } });
    else await handle.setFaults(parsed.node, parsed.faults);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Reads control lines from `input` until it ends; errors go to `report`. */
export function followControlLines(handle: ControlledFleet, input: Readable, report: (text: string) => void): void {
  const lines = createInterface({ input });
  lines.on('line', (line) => {
    void applyControlLine(handle, line).then((problem) => problem && report(`${problem}\n`));
  });
}
