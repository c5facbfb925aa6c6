import type { z } from 'zod';
import { actionsChannels, actionsEvents } from './actions.contract';
import { alertsChannels, alertsEvents } from './alerts.contract';
import { appChannels, appEvents } from './app.contract';
import { appsChannels } from './apps.contract';
import { collateralChannels } from './collateral.contract';
import { costsChannels } from './costs.contract';
import { fleetChannels, fleetEvents } from './fleet.contract';
import { hostKeysChannels } from './hostkeys.contract';
import { metricsChannels } from './metrics.contract';
import { migrationChannels, migrationEvents } from './migration.contract';
import { nodeChannels } from './node.contract';
import { nodesChannels } from './nodes.contract';
import { ownersChannels } from './owners.contract';
import { plannerChannels } from './planner.contract';
import { rewardsChannels, rewardsEvents } from './rewards.contract';

/** Every request/response channel, named `domain:verb`. Adding a feature adds its map here. */
export const channels = {
  ...appChannels,
  ...nodesChannels,
  ...fleetChannels,
  ...nodeChannels,
  ...hostKeysChannels,
  ...rewardsChannels,
  ...collateralChannels,
  ...alertsChannels,
  ...migrationChannels,
  ...actionsChannels,
  ...plannerChannels,
  ...appsChannels,
  ...costsChannels,
  ...ownersChannels,
  ...metricsChannels,
};

/** Every push event, named `domain:onX`. */
export const events = {
  ...appEvents,
  ...fleetEvents,
  ...rewardsEvents,
  ...alertsEvents,
  ...migrationEvents,
  ...actionsEvents,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

export * from './app.contract';
export * from './nodes.contract';
export * from './fleet.contract';
export * from './node.contract';
export * from './rewards.contract';
export * from './collateral.contract';
export * from './hostkeys.contract';
export * from './alerts.contract';
export * from './migration.contract';
export * from './actions.contract';
export * from './planner.contract';
export * from './apps.contract';
export * from './costs.contract';
export * from './owners.contract';
export * from './metrics.contract';
