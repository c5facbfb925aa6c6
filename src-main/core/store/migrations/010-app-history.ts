import type { Migration } from '../migrate';

/**
 * App hosting history: how many apps a node has installed and what they lock (cores, MB, GB),
 * one value per poll in `samples` and min/avg/max per bucket in the roll-ups, so the node page
 * charts them with the same retention as every other metric.
 */
export const migration010: Migration = {
  version: 10,
  name: 'app-history',
  up(db) {
    const stems = ['app_count', 'apps_cpu', 'apps_ram_mb', 'apps_hdd_gb'];
    for (const stem of stems) db.exec(`ALTER TABLE samples ADD COLUMN ${stem} REAL`);
    for (const table of ['samples_hourly', 'samples_daily']) {
      for (const stem of stems) {
        db.exec(`ALTER TABLE ${table} ADD COLUMN ${stem}_min REAL; ALTER TABLE ${table} ADD COLUMN ${stem}_avg REAL; ALTER TABLE ${table} ADD COLUMN ${stem}_max REAL;`);
      }
    }
  },
};
