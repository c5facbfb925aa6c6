import type { ChannelName, NodeStatus, Problem } from '../../src-shared/contract';
import type { Handler } from './contract-server/dispatcher';

/** The contract channels one capability answers (usually its own feature's `x:*` channels). */
export type CapabilityHandlers = { [C in ChannelName]?: Handler<C> };

/**
 * One feature of the app, as the composition root sees it. Every capability has this shape, so
 * adding one touches its own folder, its contract file and one line in `services.ts`:
 * the root lists capabilities once, the handler table merges their handlers, and the monitor
 * hands every poll result to each of them once.
 */
export interface Capability {
  /** A short name for logs ("rewards", "migration"). */
  readonly name: string;
  /** The channels it answers; the handler table refuses a channel answered twice or not at all. */
  readonly handlers: CapabilityHandlers;
  /** Problems this capability knows about a node, merged into its poll result before anyone sees it. */
  problems?(status: NodeStatus): readonly Problem[];
  /** Each poll result once, with the node's status before it. Errors are caught and logged by the caller. */
  observe?(previous: NodeStatus | undefined, next: NodeStatus): void;
  /** Nodes that left the fleet: drop what is kept for them. */
  forget?(nodeIds: readonly number[]): void;
  /** Called once at shutdown, in reverse order of construction, before the database closes. */
  close?(): void | Promise<void>;
}
