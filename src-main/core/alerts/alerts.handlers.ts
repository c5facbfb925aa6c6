import type { CapabilityHandlers } from '../capability';
import type { AlertsService } from './alerts.service';

/** The `alerts:*` channels. */
export function alertsHandlers(service: AlertsService): CapabilityHandlers {
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
