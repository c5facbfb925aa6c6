import type { z } from 'zod';
import type { alertsChannels } from '../../../src-shared/contract/alerts.contract';
import type { AlertsService } from './alerts.service';

type AlertsChannels = typeof alertsChannels;
type AlertsChannelName = keyof AlertsChannels;

/** Handler shapes for the alerts channels; assignable to the dispatcher's `Handlers` entries. */
export type AlertsHandlers = {
  [C in AlertsChannelName]: (
    input: z.output<AlertsChannels[C]['input']>,
  ) => Promise<z.output<AlertsChannels[C]['output']>> | z.output<AlertsChannels[C]['output']>;
};

/** The alerts part of `createHandlers`: spread it in with `...createAlertsHandlers(services)`. */
export function createAlertsHandlers(deps: { alerts: { service: AlertsService } }): AlertsHandlers {
  const service = deps.alerts.service;
  return {
    'alerts:channels': () => service.channels(),
    'alerts:saveChannel': (input) => service.saveChannel(input),
    'alerts:removeChannel': ({ id }) => service.removeChannel(id),
    'alerts:test': ({ channelId }) => service.test(channelId),
    'alerts:silence': (input) => service.silence(input),
    'alerts:unsilence': ({ id }) => service.unsilence(id),
    'alerts:silences': () => service.silences(),
    'alerts:log': ({ limit }) => service.log(limit),
  };
}
