import type { FleetRowStatus } from './contract/fleet.contract';

/**
 * The fleet table row's fields in the schema's order, written out: the renderer's snapshot and
 * diff decoders read this list, so the page's start does not load zod and build the contract's
 * schemas only to learn their names. fleet-row-fields.test.ts holds it equal to `FleetRowStatus`.
 */
export const FLEET_ROW_FIELDS = [
  'nodeId',
  'name',
  'host',
  'tags',
  'health',
  'problem',
  'problemCount',
  'tier',
  'nodeStatus',
  'rank',
  'nextPaymentSeconds',
  'maintenanceWindowBlocks',
  'maintenanceWindowSeconds',
  'benchStatus',
  'eps',
  'blocksBehind',
  'arcaneOS',
  'appCount',
  'wallet',
  'lastPolledAt',
  'lastOkAt',
] as const satisfies readonly (keyof FleetRowStatus)[];
