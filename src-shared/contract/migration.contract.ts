import { z } from 'zod';
import { channel, event } from './define';
import { ExplainedNumber } from './rewards.contract';

/**
 * ArcaneOS migration: per-node readiness checklists, persisted runs, and the fleet board. Step ids and
 * their texts come from resources/migration/arcaneos.json; node strings are plain text for display.
 */

const int = z.number().int();
const id = int.positive();
const ms = int.min(0).max(Number.MAX_SAFE_INTEGER);

export const StepState = z.enum(['passed', 'failed', 'pending', 'manual', 'confirmed', 'unknown']);
export type StepState = z.infer<typeof StepState>;

export const StepGroup = z.enum(['hardware', 'identity', 'network', 'timing', 'after']);
export type StepGroup = z.infer<typeof StepGroup>;

export const MigrationStep = z.object({
  id: z.string(),
  group: StepGroup,
  kind: z.enum(['auto', 'manual']),
  title: z.string(),
  why: z.string(),
  /** Absolute link to the official guide section. */
  guide: z.string(),
  state: StepState,
  /** What was found, and for `failed` what to do; for `unknown` how to check by hand. */
  detail: z.string(),
  /** When the state was last set (ms). */
  at: ms.nullable(),
  /** The user's note on a confirmed manual step. */
  note: z.string().nullable(),
});
export type MigrationStep = z.infer<typeof MigrationStep>;

export const MigrationWindow = z.object({
  blocksSinceConfirm: int.nullable(),
  blocksToExpiry: int.nullable(),
  /** Height from which a migration can safely start (the current height when it can start now). */
  recommendedStart: int.nullable(),
  /** Estimated time of `recommendedStart` (ms). */
  recommendedStartAt: ms.nullable(),
  /** Seconds left before the old confirmation expires. */
  secondsToExpiry: int.nullable(),
});
export type MigrationWindow = z.infer<typeof MigrationWindow>;

export const MigrationRun = z.object({
  id,
  status: z.enum(['active', 'completed', 'cancelled']),
  startedAt: ms,
  endedAt: ms.nullable(),
  startHeight: int.nullable(),
});
export type MigrationRun = z.infer<typeof MigrationRun>;

export const NodeChecklist = z.object({
  nodeId: id,
  name: z.string(),
  arcaneOS: z.boolean(),
  /** No step failed and no hardware step unknown (false for ArcaneOS nodes: nothing to migrate). */
  ready: z.boolean(),
  /** Empty for an ArcaneOS node without a run. */
  steps: z.array(MigrationStep),
  window: MigrationWindow,
  run: MigrationRun.nullable(),
  /** When the hardware facts were read over SSH (ms); null when never. */
  hardwareAt: ms.nullable(),
  /** Earlier runs, newest first (cancelled and completed ones are kept). */
  history: z.array(MigrationRun),
});
export type NodeChecklist = z.infer<typeof NodeChecklist>;

export const BoardCategory = z.enum(['arcane', 'ready', 'hardware', 'timing', 'other', 'unknown']);
export type BoardCategory = z.infer<typeof BoardCategory>;

export const BoardRow = z.object({
  nodeId: id,
  name: z.string(),
  tags: z.array(z.string()),
  tier: z.string().nullable(),
  arcaneOS: z.boolean().nullable(),
  category: BoardCategory,
  /** First step that blocks the migration (failed, or hardware unknown). */
  blockingStep: z.object({ id: z.string(), title: z.string(), state: StepState, detail: z.string() }).nullable(),
  window: MigrationWindow,
  /** PNR the node forgoes per month by staying legacy (USD); null when not estimated. */
  forgonePnrUsd: z.number().nullable(),
  /** Key into `pnr` for the explanation. */
  pnrKey: z.string().nullable(),
  runStatus: MigrationRun.shape.status.nullable(),
});
export type BoardRow = z.infer<typeof BoardRow>;

export const ShareCounts = z.object({ legacy: int, arcane: int, unknown: int, arcaneSharePercent: z.number() });
export type ShareCounts = z.infer<typeof ShareCounts>;

export const MigrationBoard = z.object({
  generatedAt: ms,
  fleet: ShareCounts,
  byTag: z.array(ShareCounts.extend({ tag: z.string() })),
  rows: z.array(BoardRow),
  /** PNR explanations by key (what migrating would add per month). */
  pnr: z.record(z.string(), ExplainedNumber),
  forgonePnrTotalUsd: z.number(),
});
export type MigrationBoard = z.infer<typeof MigrationBoard>;

const nodeInput = z.object({ nodeId: id }).strict();

export const migrationChannels = {
  'migration:board': channel(z.object({}).strict(), MigrationBoard),
  /** The node's checklist now; `refreshHardware` reads the hardware facts over SSH first. */
  'migration:check': channel(z.object({ nodeId: id, refreshHardware: z.boolean().default(false) }).strict(), NodeChecklist),
  /** Starts a run (idempotent: an active run is returned as is). */
  'migration:start': channel(nodeInput, NodeChecklist),
  /** Re-reads hardware and re-evaluates every auto step of the active run. */
  'migration:rerun': channel(nodeInput, NodeChecklist),
  'migration:confirmStep': channel(
    z.object({ nodeId: id, stepId: z.string().min(1).max(40), note: z.string().trim().min(1).max(500) }).strict(),
    NodeChecklist,
  ),
  /** Cancels the active run; its steps and notes stay in the history. */
  'migration:cancel': channel(nodeInput, NodeChecklist),
};

export const migrationEvents = {
  'migration:onChanged': event(z.object({ nodeIds: z.array(int) })),
};
