import type { Migration } from '../migrate';

/**
 * Placeholder for schema version 6, which belongs to another branch. It changes nothing; when the
 * real migration 006 merges, it replaces this file (a database never sees both: version 6 is only
 * ever recorded by this no-op on development copies).
 */
export const migration006: Migration = {
  version: 6,
  name: 'reserved',
  up() {},
};
