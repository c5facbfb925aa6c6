import type { Handlers } from './dispatcher';
import { createAlertsHandlers } from '../alerts/alerts.handlers';
import { InventoryImporter } from '../nodes/inventory-import';
import { createRewardsHandlers } from '../rewards/rewards.handlers';
import type { Services } from '../services';

/** Maps every contract channel to the service that answers it. */
export function createHandlers(services: Services): Handlers {
  return {
    'app:info': () => services.appInfo(),
    'nodes:list': () => services.nodes.list(),
    'nodes:add': (input) => services.nodes.add(input),
    'nodes:remove': async ({ id }) => ({ removed: await services.nodes.remove(id) }),
    'nodes:import': ({ inventory }) => services.importer.import(InventoryImporter.parse(inventory)),
    'nodes:checkSsh': ({ id }) => services.sshCheck.check(id),
    'hostkeys:list': ({ id }) => services.sshCheck.list(id),
    'hostkeys:trust': ({ id, keyType, fingerprint }) => services.sshCheck.trust(id, keyType, fingerprint),
    'fleet:status': () => services.monitor.status(),
    'fleet:pollNow': ({ nodeIds }) => services.monitor.pollNow(nodeIds),
    'node:history': ({ nodeId, metric, fromMs, toMs }) => services.monitor.series(nodeId, metric, fromMs, toMs),
    'node:events': ({ nodeId, limit }) => services.monitor.events(nodeId, limit),
    ...createAlertsHandlers(services),
    ...createRewardsHandlers(services.rewards),
    ...services.apps.handlers,
  };
}
