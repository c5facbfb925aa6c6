import { encodeFleetTable } from '../../../src-shared/fleet-table';
import type { Capability } from '../capability';
import type { FleetMonitor } from './fleet-monitor';

/** The fleet's statuses and polling (`fleet:*`) and one node's history and events (`node:*`). */
export function createFleetCapability(monitor: FleetMonitor): Capability {
  return {
    name: 'fleet',
    handlers: {
      'fleet:status': () => encodeFleetTable(monitor.table()),
      'fleet:pollNow': ({ nodeIds }) => monitor.pollNow(nodeIds),
      'fleet:uptime': ({ nodeIds }) => monitor.uptime(nodeIds),
      'fleet:healthHistory': ({ fromMs, toMs }) => monitor.fleetHealth(fromMs, toMs),
      'node:status': ({ nodeId }) => monitor.statusOf(nodeId),
      'node:history': ({ nodeId, metric, fromMs, toMs }) => monitor.series(nodeId, metric, fromMs, toMs),
      'node:events': ({ nodeId, limit }) => monitor.events(nodeId, limit),
    },
  };
}
