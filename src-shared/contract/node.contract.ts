import { z } from 'zod';
import { channel } from './define';
import { HistoryMetric, NodeEvent, Series } from './fleet.contract';

/** One node's page: its history series and event log. */

const int = z.number().int();

export const nodeChannels = {
  'node:history': channel(
    z.object({ nodeId: int.positive(), metric: HistoryMetric, fromMs: int, toMs: int }).strict(),
    Series,
  ),
  'node:events': channel(z.object({ nodeId: int.positive(), limit: int.min(1).max(1000).default(200) }).strict(), z.array(NodeEvent)),
};
