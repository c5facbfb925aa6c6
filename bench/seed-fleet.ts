import { loopbackAddress } from '../src-main/core/sim/fleet-nodes';

/** Distinct 127.x.y.z addresses (never 127.0.0.1), as the simulator hands them out. */
export function loopbackHost(index: number): string {
  return loopbackAddress(index);
}
