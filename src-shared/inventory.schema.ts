import { z } from 'zod';

/**
 * Inventory file: the list of nodes FluxDeck imports (`nodes import`). Written by `fluxdeck sim`
 * and by hand, so defaults cover what a person would leave out. Pure contract: no node imports.
 */

const hostPattern = /^[A-Za-z0-9.:[\]_-]+$/;

/** `ssh-keygen -lf` style fingerprint: `SHA256:` + unpadded base64 of the key blob's sha256. */
/** The port FluxOS's API listens on unless UPnP gave the node another (16137, 16147, …). */
export const DEFAULT_API_PORT = 16127;

export const sshFingerprintSchema = z
  .string()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'must look like SHA256:<43 base64 characters>');

export const inventoryHostKeySchema = z.object({
  type: z.string().min(1).max(64),
  fingerprint: sshFingerprintSchema,
});

export const inventoryNodeSchema = z.object({
  name: z.string().trim().min(1).max(100),
  host: z.string().min(1).max(253).regex(hostPattern, 'must be a hostname or IP address'),
  sshPort: z.number().int().min(1).max(65535).default(22),
  apiPort: z.number().int().min(1).max(65535).default(DEFAULT_API_PORT),
  /** Absent for an API-only node: nothing logs in to it. */
  username: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'must be a plain user name').optional(),
  privateKeyPath: z.string().min(1).max(4096).optional(),
  hostKey: inventoryHostKeySchema.optional(),
  tags: z.array(z.string().min(1).max(50)).max(50).default([]),
});

export const inventorySchema = z.object({
  /** Base URL of an api.runonflux.io-like public API (the simulator's stand-in, or the real one). */
  publicApi: z.url({ protocol: /^https?$/ }).optional(),
  nodes: z.array(inventoryNodeSchema).max(20000),
});

/** What an inventory file holds once parsed (defaults filled in). */
export type Inventory = z.output<typeof inventorySchema>;
export type InventoryNode = z.output<typeof inventoryNodeSchema>;
/** What may be written (defaults optional). */
export type InventoryInput = z.input<typeof inventorySchema>;
