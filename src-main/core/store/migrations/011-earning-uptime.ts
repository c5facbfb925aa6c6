import type { Migration } from '../migrate';

/**
 * Earning uptime for the costs view: per roll-up bucket, how many polls found the node answering
 * AND CONFIRMED (the only state that is paid). Raw samples already hold both; roll-ups kept only
 * the worst health, which cannot tell an expired node that answers from a healthy one. Buckets
 * rolled up before this migration keep NULL: the costs view leaves them out rather than count
 * them as downtime (costs/uptime.ts).
 */
export const migration011: Migration = {
  version: 11,
  name: 'earning-uptime',
  up(db) {
    for (const table of ['samples_hourly', 'samples_daily']) db.exec(`ALTER TABLE ${table} ADD COLUMN earning_count INTEGER`);
  },
};
