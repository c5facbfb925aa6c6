/** What the CLI and other capabilities may use of rewards: estimates, the ledger's queries, the module. */
export { apyPercent, currentCollateralSat, nativeRewardPerDay, nativeRewardPerMonth, paymentIntervalSeconds, satToFluxNumber } from './estimates';
export { LedgerQueries } from './ledger-query';
export { createRewardsModule, type RewardsChanged, type RewardsModule, type RewardsModuleDeps } from './rewards.module';
export { pnrEstimate, type PnrInput } from './pnr';
