/** Public surface of the FluxNode simulator (tests, bench and the `fluxdeck sim` command use it). */
export { startSimFleet, type SimFleet, type SimFleetHandle, type SimFleetOptions } from './fleet';
export { FleetSpecError, loadFleetFile, parseFleetSpec, type FleetSpec, type FleetSpecInput } from './fleet.schema';
export { type FaultName, type Faults, faultsSchema, ANSI_PREFIX, ANSI_SUFFIX } from './faults';
export { type NodeState, type DeepPartial, type Tier, type NodeStatus } from './state.schema';
export { type SimNode } from './sim-node';
export { PRESET_NAMES } from './presets';
export { fingerprintOfBlob, describeKey } from './keys';
export { writeInventoryFile } from './inventory-file';
export { blockSubsidy } from './views';
export { EXPIRE_BLOCKS, CONFIRM_MIN_BLOCKS, START_DEADLINE_BLOCKS, DOS_BLOCKS } from './chain';
