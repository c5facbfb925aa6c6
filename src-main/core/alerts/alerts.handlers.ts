import type { Handler } from '../contract-server/dispatcher';
import type { alertsChannels } from '../../../src-shared/contract/alerts.contract';
import type { AlertEngine } from './alert-engine';
import type { AlertPolicy } from './alert-policy';
import type { AlertsService } from './alerts.service';
import type { Heartbeat } from './heartbeat';

type AlertsChannelName = keyof typeof alertsChannels;

/** Handler shapes for the alerts channels. */
export type AlertsHandlers = { [C in AlertsChannelName]: Handler<C> };

/** The alerts channels, answered by the service, the rules, the engine and the heartbeat. */
export function alertsHandlers(deps: { service: AlertsService; policy: AlertPolicy; engine: AlertEngine; heartbeat: Heartbeat }): AlertsHandlers {
  const { service, policy, engine, heartbeat } = deps;
  return {
    'alerts:channels': () => service.channels(),
    'alerts:saveChannel': (input) => service.saveChannel(input),
    'alerts:removeChannel': ({ id }) => service.removeChannel(id),
    'alerts:test': ({ channelId }) => service.test(channelId),
    'alerts:silence': (input) => service.silence(input),
    'alerts:unsilence': ({ id }) => service.unsilence(id),
    'alerts:silences': () => service.silences(),
    'alerts:log': ({ limit, ...filter }) => service.log(limit, filter),
    'alerts:acknowledge': ({ id }) => service.acknowledge(id, (nodeId, code) => engine.acknowledge(nodeId, code)),
    'alerts:rules': () => policy.rules(),
    'alerts:saveRules': (rules) => policy.save(rules),
    'alerts:heartbeat': () => heartbeat.current(),
    'alerts:saveHeartbeat': ({ url }) => heartbeat.save(url),
    'alerts:testHeartbeat': () => heartbeat.beat(),
  };
}
