import type { Health } from '../../../src-shared/contract';

/** What the 12-node demo fleet (resources/sim/demo-fleet.json) must show after one poll. */
export const DEMO_EXPECTED: Record<string, { health: Health; codes: string[] }> = {
  'home-cumulus-1': { health: 'ok', codes: [] },
  'home-cumulus-arcane': { health: 'ok', codes: [] },
  'vps-nimbus-1': { health: 'ok', codes: [] },
  'dc-stratus-arcane': { health: 'ok', codes: [] },
  'old-cumulus-expired': { health: 'critical', codes: ['NODE_EXPIRED'] },
  'nimbus-dos': { health: 'critical', codes: ['NODE_DOS'] },
  'fresh-stratus-started': { health: 'warning', codes: ['NODE_STARTED'] },
  'cumulus-bench-failed': { health: 'critical', codes: ['BENCHMARK_FAILED'] },
  'nimbus-lagging': { health: 'warning', codes: ['DAEMON_BEHIND'] },
  'cumulus-near-deadline': { health: 'warning', codes: ['CONFIRMATION_OVERDUE'] },
  'stratus-lowdisk-mongod-down': { health: 'critical', codes: ['DISK_LOW', 'SERVICE_DOWN'] },
  'upnp-outdated-hostile': { health: 'critical', codes: ['FLUXOS_OUTDATED'] },
};
