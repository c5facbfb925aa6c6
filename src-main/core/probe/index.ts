/** Public surface of the per-node probe: facts of one node for one poll. */
export { NodeProber, type NodeProberOptions, type ProbeOptions } from './node-prober';
export { RankSource, type RankSourceOptions, type PublicApiCaller } from './rank-source';
export { DEFAULT_ROUTE_TTL_MS, DEFAULT_ROUTE_TTLS, type FluxosCaller, type RouteTtls } from './api-probe';
export type { SshExecutor } from './ssh-probe';
export {
  apiUnreachable,
  type ApiFacts,
  type ApiSourceName,
  type ContainerFacts,
  type DiskFacts,
  type MemoryFacts,
  type ProbeError,
  type ProbeErrorCode,
  type ProbeResult,
  type RankInfo,
  type SourceResult,
  type SshFacts,
  type SshProbe,
  type SshSkipReason,
} from './probe-types';
