import { z } from 'zod';
import { channel } from './define';
import { HistoryMetric, NodeEvent, NodeStatus, Series } from './fleet.contract';

/** One node's page: its full latest status, history series and event log. */

const int = z.number().int();

export const nodeChannels = {
  /** One node's full latest status (the fleet list carries less), or null for an unknown node. */
  'node:status': channel(z.object({ nodeId: int.positive() }).strict(), NodeStatus.nullable()),
  'node:history': channel(
    z.object({ nodeId: int.positive(), metric: HistoryMetric, fromMs: int, toMs: int }).strict(),
    Series,
  ),
  'node:events': channel(z.object({ nodeId: int.positive(), limit: int.min(1).max(1000).default(200) }).strict(), z.array(NodeEvent)),
};
