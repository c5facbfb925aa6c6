import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyControlLine, followControlLines } from './control';
import { startSimFleet, type SimFleet } from './fleet';

let fleet: SimFleet;
let api: string;

beforeAll(async () => {
  fleet = await startSimFleet({ nodes: [{ name: 'victim', preset: 'healthy-cumulus-legacy' }] }, { blockMs: 0 });
  const node = fleet.inventory.nodes[0]!;
  api = `http://${node.host}:${node.apiPort}/daemon/getinfo`;
});
afterAll(async () => {
  await fleet?.handle.close();
});

describe('sim control lines', () => {
  it('switch a fault on from another process and clear it again', async () => {
    const input = new PassThrough();
    const problems: string[] = [];
    followControlLines(fleet.handle, input, (text) => problems.push(text));
    input.write('{"node":"victim","faults":{"apiHtml":true}}\n');
    await expect.poll(async () => (await fetch(api)).status).toBe(502);
    input.write('{"node":"victim","clear":true}\n');
    await expect.poll(async () => (await fetch(api)).status).toBe(200);
    expect(problems).toEqual([]);
  });

  it('schedule a node’s ArcaneOS reinstall a number of blocks from now', async () => {
    const at = fleet.handle.height;
    expect(await applyControlLine(fleet.handle, '{"node":"victim","reinstall":{"inBlocks":2,"ip":"10.9.8.7"}}')).toBeNull();
    fleet.handle.advanceBlocks(1);
    expect(fleet.handle.node('victim').state.isArcaneOS).toBe(false);
    fleet.handle.advanceBlocks(1);
    expect(fleet.handle.node('victim').state).toMatchObject({ isArcaneOS: true, fluxnodeStatus: { status: 'STARTED', ip: '10.9.8.7', added_height: at + 2 } });
    expect(await applyControlLine(fleet.handle, '{"node":"victim","reinstall":{"inBlocks":0,"ip":"x"}}')).toMatch(/bad control line/);
  });

  it('report a bad line or an unknown node instead of crashing the simulator', async () => {
    expect(await applyControlLine(fleet.handle, 'not json')).toMatch(/bad control line/);
    expect(await applyControlLine(fleet.handle, '{"node":"victim","faults":{"rmRf":true}}')).toMatch(/bad control line/);
    expect(await applyControlLine(fleet.handle, '{"node":"ghost","clear":true}')).toMatch(/ghost/);
  });
});
