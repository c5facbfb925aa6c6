import { z } from 'zod';
import { channel } from './define';

export const HostKeyPin = z.object({
  keyType: z.string(),
  fingerprint: z.string(),
  source: z.string(),
  firstSeen: z.number().int(),
  lastSeen: z.number().int(),
});
export type HostKeyPin = z.infer<typeof HostKeyPin>;

/** What a connection check found; the UI turns each case into the right prompt or screen. */
export const SshCheck = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), keyType: z.string().nullable(), fingerprint: z.string().nullable(), output: z.string() }),
  /** First contact: show the key and let the user pin it (compare with `ssh-keygen -lf` on the node). */
  z.object({ status: z.literal('unknown-key'), keyType: z.string(), fingerprint: z.string() }),
  /** The node presents another key than the pinned one: refuse until the user deliberately accepts it. */
  z.object({ status: z.literal('mismatch'), keyType: z.string(), fingerprint: z.string(), previousFingerprint: z.string() }),
  z.object({ status: z.literal('no-ssh'), message: z.string() }),
  z.object({ status: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type SshCheck = z.infer<typeof SshCheck>;

const NodeId = z.number().int().positive();
const Fingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/);

export const hostKeysChannels = {
  'hostkeys:list': channel(z.object({ id: NodeId }).strict(), z.array(HostKeyPin)),
  /**
   * Pins (or, after a mismatch, replaces) the node's key: a deliberate user action. The key must be
   * the one the node presented in a refused handshake, and a replacement names the pin it replaces.
   */
  'hostkeys:trust': channel(
    z
      .object({
        id: NodeId,
        keyType: z.string().min(1).max(64),
        fingerprint: Fingerprint,
        previousFingerprint: Fingerprint.optional(),
      })
      .strict(),
    z.array(HostKeyPin),
  ),
};
