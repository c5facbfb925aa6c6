import { z } from 'zod';
import { channel } from './define';
import { OwnerName } from './nodes.contract';

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

/** A Flux payment address (t1…/t3…) as the deterministic list writes it. */
export const PaymentAddress = z.string().trim().regex(/^[A-Za-z0-9]{20,64}$/, 'That is not a Flux payment address');

export const ownersChannels = {
  /** Every owner with how many nodes it has. */
  'owners:list': channel(z.object({}).strict(), z.array(OwnerView)),
  /** Creates or edits an owner: its contact note and payment addresses (replaced as given). */
  'owners:save': channel(
    z.object({ name: OwnerName, note: z.string().max(2000).optional(), addresses: z.array(PaymentAddress).max(200).optional() }).strict(),
    OwnerView,
  ),
};
