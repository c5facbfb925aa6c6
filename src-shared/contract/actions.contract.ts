import { z } from 'zod';
import { channel, event } from './define';

const int = z.number().int();
const id = int.positive();

export const ActionKind = z.enum(['restart', 'update', 'logs']);
export type ActionKind = z.infer<typeof ActionKind>;

/** One maintenance action as the catalogue (resources/actions) defines it. */
export const ActionDef = z.object({
  id: z.string(),
  label: z.string(),
  kind: ActionKind,
  description: z.string(),
  /** The exact command lines, `{lines}` still unfilled for log actions. */
  commands: z.array(z.string()),
  timeoutSeconds: int,
});
export type ActionDef = z.infer<typeof ActionDef>;

export const ActionCatalog = z.object({
  version: z.string(),
  actions: z.array(ActionDef),
  logLineChoices: z.array(int),
  /** What is possible on ArcaneOS nodes, in people's words. */
  arcaneOS: z.string(),
});
export type ActionCatalog = z.infer<typeof ActionCatalog>;

/** An action id is a catalogue key, never free text: the pattern keeps anything else out before lookup. */
const ActionId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'Unknown action');

export const ActionRequest = z
  .object({
    actionId: ActionId,
    nodeIds: z.array(id).min(1, 'Pick at least one node').max(500),
    /** Log actions only: one of the catalogue's logLineChoices. */
    lines: int.positive().optional(),
  })
  .strict();
export type ActionRequest = z.input<typeof ActionRequest>;

/** Why a node will be skipped, or null when the commands will run on it. */
export const ActionTarget = z.object({
  nodeId: int,
  name: z.string(),
  /** `user@host:port` the commands run as, or null without SSH. */
  sshTarget: z.string().nullable(),
  skipReason: z.string().nullable(),
});
export type ActionTarget = z.infer<typeof ActionTarget>;

export const ActionPreview = z.object({
  actionId: z.string(),
  label: z.string(),
  kind: ActionKind,
  /** The exact lines each node will run, one exec each, in order; a failing line stops that node. */
  commands: z.array(z.string()),
  targets: z.array(ActionTarget),
});
export type ActionPreview = z.infer<typeof ActionPreview>;

export const NodeOutcome = z.enum(['pending', 'running', 'ok', 'failed', 'skipped']);
export type NodeOutcome = z.infer<typeof NodeOutcome>;

export const ActionNodeResult = z.object({
  nodeId: int,
  name: z.string(),
  outcome: NodeOutcome,
  /** Exit status of the last command run; null when none ran or none was reported. */
  exitCode: int.nullable(),
  /** Sanitised, capped output (stdout then stderr), or the reason for a skip or failure. */
  output: z.string(),
  finishedAt: int.nullable(),
});
export type ActionNodeResult = z.infer<typeof ActionNodeResult>;

/** One audit entry: what, on which nodes, when, and how it ended. */
export const ActionRun = z.object({
  id,
  actionId: z.string(),
  label: z.string(),
  kind: ActionKind,
  commands: z.array(z.string()),
  startedAt: int,
  finishedAt: int.nullable(),
  state: z.enum(['running', 'ok', 'failed', 'partial']),
  results: z.array(ActionNodeResult),
});
export type ActionRun = z.infer<typeof ActionRun>;

/** Lines a node printed, as they arrive (whole lines, stripped of terminal control sequences). */
export const ActionOutput = z.object({ runId: id, nodeId: id, lines: z.array(z.string()) });
export type ActionOutput = z.infer<typeof ActionOutput>;

export const actionsChannels = {
  'actions:catalog': channel(z.object({}).strict(), ActionCatalog),
  /** The exact commands and which nodes they will run on (and why others are skipped); runs nothing. */
  'actions:preview': channel(ActionRequest, ActionPreview),
  /** Starts the action; progress arrives as `actions:onProgress`, the audit entry is written at once. */
  'actions:run': channel(ActionRequest, ActionRun),
  /** Audit entries, newest first; for one node when `nodeId` is given. */
  'actions:log': channel(z.object({ nodeId: id.optional(), limit: int.min(1).max(500).default(50) }).strict(), z.array(ActionRun)),
};

export const actionsEvents = {
  /** A node's progress within a run (its output included once finished), then the run's end. */
  'actions:onProgress': event(z.object({ run: ActionRun })),
  /** Output streamed line by line while a node runs (log actions show it as it comes). */
  'actions:onOutput': event(ActionOutput),
};
