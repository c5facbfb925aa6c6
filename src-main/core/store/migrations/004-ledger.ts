import type { Migration } from '../migrate';

/**
 * Rewards ledger: detected payments (one per node and height), daily FLUX prices for USD columns, and
 * collateral verification results. Amounts are integer satoshis; times are ms since epoch.
 */
export const migration004: Migration = {
  version: 4,
  name: 'ledger',
  up(db) {
    db.exec(`
      CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
        height INTEGER NOT NULL CHECK (height > 0),
        paid_at INTEGER NOT NULL,
        amount_sat INTEGER NOT NULL CHECK (amount_sat >= 0),
        tier TEXT NOT NULL CHECK (tier IN ('CUMULUS', 'NIMBUS', 'STRATUS')),
        source TEXT NOT NULL,
        UNIQUE (node_id, height)
      );
      CREATE INDEX payments_paid_at ON payments (paid_at);
      CREATE INDEX payments_node_paid_at ON payments (node_id, paid_at);

      CREATE TABLE flux_prices (
        day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        usd REAL NOT NULL CHECK (usd >= 0),
        source TEXT NOT NULL DEFAULT 'user',
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE collateral_checks (
        id INTEGER PRIMARY KEY,
        node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
        checked_at INTEGER NOT NULL,
        txid TEXT NOT NULL CHECK (length(txid) = 64),
        vout INTEGER NOT NULL CHECK (vout >= 0),
        amount_sat INTEGER,
        implied_tier TEXT,
        reported_tier TEXT,
        mismatch INTEGER NOT NULL CHECK (mismatch IN (0, 1)),
        confirmations INTEGER,
        unspent INTEGER CHECK (unspent IN (0, 1)),
        problems TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems))
      );
      CREATE INDEX collateral_checks_node ON collateral_checks (node_id, checked_at);
    `);
  },
};
