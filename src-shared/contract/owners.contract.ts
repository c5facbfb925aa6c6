import { z } from 'zod';
import { channel } from './define';
import { OwnerName, PaymentAddress } from './nodes.contract';

/** Owners: the people or clients an MSP runs nodes for (name, payment addresses, contact note). */

const int = z.number().int();

export const OwnerView = z.object({
  id: int,
  name: z.string(),
  addresses: z.array(z.string()),
  note: z.string(),
  nodes: int,
});
export type OwnerView = z.infer<typeof OwnerView>;

export const ownersChannels = {
  /** Every owner with how many nodes it has. */
  'owners:list': channel(z.object({}).strict(), z.array(OwnerView)),
  /** Creates or edits an owner: its contact note and payment addresses (replaced as given). */
  'owners:save': channel(
    z.object({ name: OwnerName, note: z.string().max(2000).optional(), addresses: z.array(PaymentAddress).max(200).optional() }).strict(),
    OwnerView,
  ),
};
