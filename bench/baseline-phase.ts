import { spawn, spawnSync } from 'node:child_process';
import pLimit from 'p-limit';
import type { Inventory } from '../src-shared/inventory.schema';
import { factSectionsFor } from '../src-main/core/probe/cli-facts';
import { buildProbeScript, newNonce } from '../src-main/core/probe/ssh-script';
import { WARM_POLL_CARRY } from './poll-phase';
import { reapedChildrenCpuMs } from './proc-stat';

/** FluxDeck's poller runs 32 nodes at once by default; the baseline gets the same. */
export const BASELINE_CONCURRENCY = 32;

export interface BaselineFigures {
  cycleMs: number;
  cpuMsPerNodePoll: number;
  errors: number;
  errorSamples: string[];
}

/** Why the baseline cannot run here (no OpenSSH client), or null. */
export function baselineUnavailable(): string | null {
  const probe = spawnSync('ssh', ['-V'], { stdio: 'ignore' });
  if (probe.error) return `OpenSSH client not found (${probe.error.message}); install openssh-client to compare against it`;
  return null;
}

interface Outcome {
  ok: boolean;
  detail: string;
}

/** One poll of one node the way scripts, Ansible and pssh do it: a fresh `ssh` process. */
function sshOnce(node: Inventory['nodes'][number], knownHosts: string): Promise<Outcome> {
  const nonce = newNonce();
  const args = [
    '-F', '/dev/null',
    '-i', node.privateKeyPath ?? '',
    '-p', String(node.sshPort),
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${knownHosts}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'IdentitiesOnly=yes',
    '-o', 'ConnectTimeout=15',
    '-o', 'LogLevel=ERROR',
    '-T',
    `${node.username}@${node.host}`,
    buildProbeScript(nonce, factSectionsFor(WARM_POLL_CARRY), node.apiPort),
  ];
  return new Promise((resolve) => {
    const child = spawn('ssh', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-500)));
    child.once('error', (error) => resolve({ ok: false, detail: `${node.name}: ${error.message}` }));
    // 'close' comes after libuv reaped the process, so its CPU is in our cutime/cstime by then.
    child.once('close', (code) => {
      const complete = stdout.includes(`@@fluxdeck:${nonce}:end`);
      resolve({ ok: code === 0 && complete, detail: `${node.name}: exit ${code}${complete ? '' : ', script incomplete'} ${stderr.trim()}` });
    });
  });
}

/**
 * Polls every inventory node once with one OpenSSH process each, 32 at a time.
 *
 * CPU: `process.cpuUsage()` and `process.resourceUsage()` see this process only, so the ssh
 * processes' CPU is read from this process's cutime + cstime (/proc/self/stat), which the kernel
 * raises by each child's user + system time when the child is reaped. Nothing else is reaped in
 * the window (the simulator child keeps running until after the baseline), so the delta is the
 * ssh clients' CPU alone. Node's own cost of spawning them is left out, which favours the baseline.
 */
export async function runBaseline(inventory: Inventory, knownHosts: string): Promise<BaselineFigures> {
  const limit = pLimit(BASELINE_CONCURRENCY);
  const before = reapedChildrenCpuMs();
  const t0 = performance.now();
  const outcomes = await Promise.all(inventory.nodes.map((node) => limit(() => sshOnce(node, knownHosts))));
  const cycleMs = performance.now() - t0;
  const cpuMs = reapedChildrenCpuMs() - before;
  const failed = outcomes.filter((o) => !o.ok);
  return {
    cycleMs,
    cpuMsPerNodePoll: cpuMs / inventory.nodes.length,
    errors: failed.length,
    errorSamples: failed.slice(0, 5).map((o) => o.detail),
  };
}
