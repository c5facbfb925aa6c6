import type { Migration } from '../migrate';

/**
 * How many polls of each roll-up bucket the node answered (health other than unreachable), so
 * the fleet table's uptime % and sparkline come from the roll-ups instead of raw samples. Buckets
 * rolled up before this stay NULL: their uptime is read from worst/best health where that
 * decides it, and left out where it does not (never invented).
 */
export const migration014: Migration = {
  version: 14,
  name: 'uptime-counts',
  up(db) {
    for (const table of ['samples_hourly', 'samples_daily']) db.exec(`ALTER TABLE ${table} ADD COLUMN up_count INTEGER`);
  },
};
