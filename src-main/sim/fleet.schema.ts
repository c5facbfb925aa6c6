import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { faultsSchema } from './faults';
import { DEFAULT_PRESET, PRESET_NAMES } from './presets';

/** Fleet file: which simulated nodes to start and how each one behaves. */

const presetName = z.string().refine((name) => PRESET_NAMES.includes(name), {
  message: `unknown preset; use one of: ${PRESET_NAMES.join(', ')}`,
});

const port = z.number().int().min(0).max(65535);

export const fleetNodeSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    preset: presetName.default(DEFAULT_PRESET),
    /** Loopback address to bind; by default each node gets its own 127.0.x.y. */
    host: z.ipv4().refine((ip) => ip.startsWith('127.'), { message: 'must be a 127.x.y.z loopback address' }).optional(),
    sshPort: port.default(0),
    apiPort: port.default(0),
    username: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'must be a plain user name').optional(),
    tags: z.array(z.string().min(1).max(50)).max(50).default([]),
    /** Deep-merged over the preset's state (objects merge, arrays replace). */
    state: z.record(z.string(), z.unknown()).default({}),
    api: z.record(z.string().startsWith('/', 'route keys start with "/"'), z.unknown()).default({}),
    ssh: z.record(z.string(), z.string()).default({}),
    faults: faultsSchema.default({}),
    /** No SSH server: the node is reachable over its FluxOS API only (as an ArcaneOS node or a network-wide dashboard sees it). */
    apiOnly: z.boolean().default(false),
  })
  .strict();
export type FleetNodeSpec = z.output<typeof fleetNodeSchema>;

export const fleetCountSchema = z
  .object({
    preset: presetName.default(DEFAULT_PRESET),
    n: z.number().int().min(1).max(20_000),
    /** Generated names are `<prefix>-<i>`. */
    namePrefix: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).default('node'),
    tags: z.array(z.string().min(1).max(50)).max(50).default([]),
    /** No SSH servers (see the node key): one listener per node, so 10,000 fit under a 20,000-file limit. */
    apiOnly: z.boolean().default(false),
  })
  .strict();

export const fleetSchema = z
  .object({
    network: z
      .object({
        /**
         * Network height at start, or `"clock"`: the height mainnet has at the wall clock, counted
         * from the dated checkpoint in resources/chain (the anchor the rewards code uses), so a demo
         * shows today's subsidy and next cut.
         */
        // (typed string, not the literal, so a fleet JSON imported into a test type-checks as is)
        height: z
          .union([z.number().int().min(1).max(100_000_000), z.string().refine((v) => v === 'clock', { message: 'a height or "clock"' })])
          .default(2_100_000),
        /** What the public API stand-in serves as stats' /getmodulesminimumversions. */
        modulesMinimumVersions: z.record(z.string(), z.unknown()).optional(),
        /** getfluxnodecount data served as is; counted over the fleet when absent. */
        fluxnodeCount: z.record(z.string(), z.unknown()).optional(),
        /** Default payment address of nodes that do not set one. */
        wallet: z.string().min(1).max(100).optional(),
        /** Apps on nodes outside the fleet, served by the public API's app registry and locations. */
        apps: z
          .array(z.object({ spec: z.record(z.string(), z.unknown()), locations: z.array(z.string().min(1).max(64)).max(1000) }).strict())
          .max(10_000)
          .optional(),
      })
      .strict()
      .default({ height: 2_100_000 }),
    nodes: z.array(fleetNodeSchema).default([]),
    count: z.union([fleetCountSchema, z.array(fleetCountSchema)]).optional(),
  })
  .strict()
  .superRefine((fleet, ctx) => {
    const seen = new Set<string>();
    fleet.nodes.forEach((node, i) => {
      if (seen.has(node.name)) ctx.addIssue({ code: 'custom', message: `duplicate node name "${node.name}"`, path: ['nodes', i, 'name'] });
      seen.add(node.name);
    });
  });
export type FleetSpec = z.output<typeof fleetSchema>;
export type FleetSpecInput = z.input<typeof fleetSchema>;

/** Bad fleet file or spec; `message` is meant for a person and names each bad field. */
export class FleetSpecError extends Error {
  override name = 'FleetSpecError';
}

/** Validates a parsed fleet spec, throwing a FleetSpecError listing every problem. */
export function parseFleetSpec(input: unknown, source = 'fleet spec'): FleetSpec {
  const result = fleetSchema.safeParse(input);
  if (result.success) return result.data;
  throw new FleetSpecError(`${source} is not a valid fleet:\n${z.prettifyError(result.error)}`);
}

/** Reads and validates a fleet JSON file. */
export async function loadFleetFile(path: string): Promise<FleetSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    throw new FleetSpecError(`cannot read fleet file ${path}: ${code}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FleetSpecError(`fleet file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseFleetSpec(json, `fleet file ${path}`);
}
