import stripAnsi from 'strip-ansi';
import { parseGetTxOut, type TxOutResult } from './gettxout';
import type { OutPoint } from './outpoint';
import { outPoint } from './outpoint';

/** What running one remote command returns (the SSH pool's ExecResult fits). */
export interface RemoteOutput {
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Runs a command on a node over SSH; resolves null when the node cannot be reached that way
 * (ArcaneOS, no credentials). Rejections are transport failures.
 */
export type NodeExec = (nodeId: number, command: string) => Promise<RemoteOutput | null>;

/** Asks for one node's collateral output; null when the node cannot be asked. */
export type TxOutFetcher = (nodeId: number, outpoint: OutPoint) => Promise<TxOutResult | null>;

/**
 * `flux-cli gettxout <txid> <n>`. Both parts are re-validated (64 hex chars, integer index) so nothing
 * but those characters ever reaches the remote shell.
 */
export function gettxoutCommand(o: OutPoint): string {
  const checked = outPoint(o.txid, o.n);
  return `flux-cli gettxout ${checked.txid} ${checked.n}`;
}

/** A TxOutFetcher over SSH exec: empty output is "spent or unknown"; a failing command is "invalid". */
export function sshTxOutFetcher(exec: NodeExec): TxOutFetcher {
  return async (nodeId, o) => {
    const result = await exec(nodeId, gettxoutCommand(o));
    if (result === null) return null;
    if (result.code !== null && result.code !== 0) {
      const first = stripAnsi(result.stderr || result.stdout).split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
      return { kind: 'invalid', reason: `flux-cli gettxout exited ${result.code}${first ? `: ${first.trim().slice(0, 160)}` : ''}` };
    }
    return parseGetTxOut(result.stdout);
  };
}
