/** Chain rules as fluxd computes them: parameters by height, subsidy and tier payouts, collateral, heights and dates. */
export { ChainParamsError, eraValueAt, isOverridden, loadChainParams, sourceOf, TIERS, upgradeHeight, type ChainParams, type Tier } from './chain-params';
export { blocksPerDayAt, blockTimeAt, devFundAt, formatFlux, HeightError, subsidyAt, tierRewardAt, tierRewardsAt } from './subsidy';
export { collateralAmountsAt, impliedTierOf, normalizeTier } from './tiers';
export { parseFluxAmount } from './amount';
export { estimateHeightAt, fleetHeight, heightOfStatus } from './chain-height';
export { describeCut, estimateTimeOfHeight, upcomingSubsidyCuts, type SubsidyCut } from './schedule';
