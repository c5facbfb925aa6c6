import type { ChainParams, Tier } from '../chain/chain-params';
import { formatFlux } from '../chain/subsidy';
import { parseFluxAmount } from '../chain/amount';
import type { TxOutResult } from './gettxout';
import type { OutPoint } from './outpoint';
import { impliedTierOf, normalizeTier } from '../chain/tiers';

export type CollateralProblemCode =
  | 'SPENT_OR_UNKNOWN'
  | 'GETTXOUT_INVALID'
  | 'NOT_A_COLLATERAL_AMOUNT'
  | 'TIER_MISMATCH'
  | 'TOO_FEW_CONFIRMATIONS'
  | 'AMOUNT_DIFFERS_FROM_REPORTED'
  | 'AMOUNT_UNKNOWN';

export interface CollateralProblem {
  code: CollateralProblemCode;
  message: string;
}

/** Everything FluxDeck can say about one node's collateral. */
export interface CollateralVerdict {
  outpoint: OutPoint;
  /** FLUX with 8 decimals ("1000.00000000"), from gettxout when available, else the node's report. */
  amountFlux: string | null;
  impliedTier: Tier | null;
  reportedTier: Tier | null;
  /** True when a tier is reported and the amount implies a different tier (or none). */
  mismatch: boolean;
  /** From gettxout; null when not checked or spent. */
  confirmations: number | null;
  /** true: gettxout found it; false: gettxout returned nothing (spent or unknown); null: not checked. */
  unspent: boolean | null;
  problems: CollateralProblem[];
}

export interface CollateralInput {
  outpoint: OutPoint;
  /** Chain height the check refers to (tier amounts depend on it). */
  height: number;
  /** `getfluxnodestatus.tier` (any case; basic/super/bamf accepted). */
  reportedTier?: unknown;
  /** `getfluxnodestatus.amount`, e.g. "1000.00". */
  reportedAmount?: unknown;
  /** Parsed `gettxout` result; omit when it could not be run. */
  txOut?: TxOutResult;
}

/** Builds the verdict: amount → implied tier (era-aware), mismatch, spent state and confirmations. */
export function collateralVerdict(params: ChainParams, input: CollateralInput): CollateralVerdict {
  const problems: CollateralProblem[] = [];
  const reportedTier = normalizeTier(input.reportedTier);
  const reportedSat = parseFluxAmount(input.reportedAmount);
  const txOut = input.txOut;
  let amountSat: bigint | null = reportedSat;
  let confirmations: number | null = null;
  let unspent: boolean | null = null;

  if (txOut?.kind === 'unspent') {
    unspent = true;
    confirmations = txOut.confirmations;
    amountSat = txOut.valueSat;
    if (reportedSat !== null && reportedSat !== txOut.valueSat) {
      problems.push({
        code: 'AMOUNT_DIFFERS_FROM_REPORTED',
        message: `the output holds ${formatFlux(txOut.valueSat)} FLUX but the node reports ${formatFlux(reportedSat)}`,
      });
    }
    const min = params.collateral.minConfirmations;
    if (txOut.confirmations < min) {
      problems.push({ code: 'TOO_FEW_CONFIRMATIONS', message: `${txOut.confirmations} confirmations; a node can start after ${min}` });
    }
  } else if (txOut?.kind === 'spent-or-unknown') {
    unspent = false;
    problems.push({ code: 'SPENT_OR_UNKNOWN', message: 'gettxout found no unspent output: the collateral is spent, or the txid/index is wrong' });
  } else if (txOut?.kind === 'invalid') {
    problems.push({ code: 'GETTXOUT_INVALID', message: txOut.reason });
  }

  const impliedTier = amountSat === null ? null : impliedTierOf(params, input.height, amountSat);
  if (amountSat === null) {
    problems.push({ code: 'AMOUNT_UNKNOWN', message: 'the collateral amount is unknown' });
  } else if (impliedTier === null) {
    problems.push({ code: 'NOT_A_COLLATERAL_AMOUNT', message: `${formatFlux(amountSat)} FLUX is not a valid collateral amount at height ${input.height}` });
  }
  const mismatch = reportedTier !== null && amountSat !== null && impliedTier !== reportedTier;
  if (mismatch) {
    problems.push({
      code: 'TIER_MISMATCH',
      message: `the amount implies ${impliedTier ?? 'no tier'} but the node reports ${reportedTier ?? 'no tier'}`,
    });
  }

  return {
    outpoint: input.outpoint,
    amountFlux: amountSat === null ? null : formatFlux(amountSat),
    impliedTier,
    reportedTier,
    mismatch,
    confirmations,
    unspent,
    problems,
  };
}
