import type { NodeStatus } from '../../../src-shared/contract';

/** A status's problem codes, sorted: what most fleet assertions compare. */
export const problemCodes = (s: NodeStatus): string[] => s.problems.map((p) => p.code).sort();
