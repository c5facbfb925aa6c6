/**
 * A computed figure together with how it was computed, so the UI can show the formula and every input
 * behind each number (pure contract: no node or electron imports).
 */

/** Values an input can carry. Satoshi amounts travel as decimal strings so they survive JSON. */
export type ExplainedInputValue = string | number | boolean | null;

/** One input to a formula: its name, its value and where the value came from. */
export interface ExplainedInput {
  name: string;
  value: ExplainedInputValue;
  /** e.g. "fluxd src/main.cpp GetBlockSubsidy", "getfluxnodecount nimbus-enabled", "user override". */
  source: string;
}

/** A value plus the formula (human-readable, one line) and the inputs it used. */
export interface Explained<T> {
  value: T;
  formula: string;
  inputs: ExplainedInput[];
}

/** Builds an Explained value; a tiny helper so call sites stay one expression. */
export function explained<T>(value: T, formula: string, inputs: ExplainedInput[]): Explained<T> {
  return { value, formula, inputs };
}
