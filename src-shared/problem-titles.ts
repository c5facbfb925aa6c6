/**
 * A short name in people's words for each problem code core raises (health rules, the poller,
 * the rewards ledger, the collateral watch), for event texts such as "Resolved: disk space low".
 * Codes stay the machine's key; this is what a person reads.
 */
const TITLES: Readonly<Record<string, string>> = {
  UNREACHABLE: 'FluxOS not answering',
  ROUTE_UNREACHABLE: 'some FluxOS routes not answering',
  BAD_RESPONSE: 'unreadable answers',
  API_ERROR: 'FluxOS answering with errors',
  NODE_EXPIRED: 'node expired',
  NODE_STATUS_UNREADABLE: 'node status unreadable',
  NODE_DOS: 'node in DOS state',
  NODE_STARTED: 'node started, not yet confirmed',
  CONFIRMATION_OVERDUE: 'confirmation overdue',
  BENCHMARK_FAILED: 'benchmark failed',
  BENCHMARK_RUNNING: 'benchmark running',
  BENCHMARK_BELOW_TIER: 'benchmark below its tier',
  BENCH_DISCONNECTED: 'fluxbench disconnected',
  DAEMON_BEHIND: 'daemon behind the chain',
  FLUXOS_OUTDATED: 'FluxOS too old',
  BENCH_OUTDATED: 'fluxbench too old',
  SYNCTHING_OUTDATED: 'Syncthing too old',
  DOCKER_OUTDATED: 'Docker too old',
  FLUXOS_BEHIND_LATEST: 'FluxOS behind the latest release',
  DISK_LOW: 'disk space low',
  SERVICE_DOWN: 'a service is down',
  SSH_UNREACHABLE: 'SSH not reachable',
  SSH_UNAVAILABLE: 'some facts not available over SSH',
  AUTH_FAILED: 'SSH login refused',
  HOST_KEY_MISMATCH: 'host key changed',
  HOST_KEY_UNKNOWN: 'host key not trusted yet',
  RANK_UNAVAILABLE: 'payment queue not read',
  POLL_TIMEOUT: 'poll timed out',
  POLL_STUCK: 'poll stuck',
  POLL_FAILED: 'poll failed',
  PAYMENT_MISSED: 'payment missed',
  COLLATERAL_SPENT: 'collateral spent',
  COLLATERAL_TIER_MISMATCH: 'collateral does not match the tier',
};

/** The people's name of a problem code; an unknown code becomes lower-case words, never the raw code. */
export function problemTitle(code: string): string {
  if (Object.hasOwn(TITLES, code)) return TITLES[code]!;
  const words = code.replace(/[-_]+/g, ' ').trim().toLowerCase();
  return words || 'a problem';
}
