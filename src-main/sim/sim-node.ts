import type { Faults } from './faults';
import type { NodeState } from './state.schema';

/** One simulated node as the servers see it. `state` and `faults` are mutated in place at run time. */
export interface SimNode {
  readonly name: string;
  /** 0-based position in the fleet. */
  readonly index: number;
  readonly host: string;
  readonly username: string;
  readonly tags: readonly string[];
  state: NodeState;
  /** Raw bodies per route (`/daemon/getinfo`): a string is served verbatim, anything else as JSON. */
  apiOverrides: Record<string, unknown>;
  /** Raw stdout per exact command line. */
  sshOverrides: Record<string, string>;
  faults: Faults;
}
