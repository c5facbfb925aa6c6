import type { NodeStatus, StepState } from '../../../src-shared/contract';
import type { ChainParams } from '../chain/chain-params';
import { redactedSample } from '../safety/sanitize';
import type { Checklist, StepId } from './checklist';
import type { HardwareFacts } from './hardware-facts';
import { blocksAsTime, migrationWindow, type WindowMath } from './window';

/**
 * The rules of every auto step, as pure functions of what FluxDeck knows. A step without data is
 * `unknown` with how to check by hand; steps that only make sense later are `pending`.
 */

export interface StepVerdict {
  state: StepState;
  detail: string;
}

export type HardwareKnowledge =
  | { kind: 'facts'; facts: HardwareFacts }
  | { kind: 'no-ssh' }
  | { kind: 'failed'; reason: string }
  | { kind: 'not-read' };

export interface CollateralKnowledge {
  unspent: boolean | null;
  confirmations: number | null;
  spent: boolean;
}

/** What the run recorded when it started: the after-install steps compare against it. */
export interface RunBaseline {
  startHeight: number | null;
  txhash: string | null;
  outidx: number | null;
  ip: string | null;
}

export interface EvaluationInput {
  checklist: Checklist;
  params: ChainParams;
  status: NodeStatus;
  hardware: HardwareKnowledge;
  collateral: CollateralKnowledge | null;
  /** Every node of the fleet (for shared public IPs). */
  fleet: readonly NodeStatus[];
  height: number | null;
  baseline: RunBaseline | null;
  nowMs: number;
}

const GB = 1e9;
const TIER_ALIASES: Record<string, 'CUMULUS' | 'NIMBUS' | 'STRATUS'> = {
  CUMULUS: 'CUMULUS', BASIC: 'CUMULUS', NIMBUS: 'NIMBUS', SUPER: 'NIMBUS', STRATUS: 'STRATUS', BAMF: 'STRATUS',
};

export function tierOfStatus(status: NodeStatus): 'CUMULUS' | 'NIMBUS' | 'STRATUS' | null {
  const raw = status.fluxnode?.tier ?? status.benchmark?.status ?? null;
  return raw ? (TIER_ALIASES[raw.toUpperCase()] ?? null) : null;
}

/** The public IP of a node without the port (`1.2.3.4:16137` → `1.2.3.4`). */
export function publicIpOf(status: NodeStatus): string {
  const ip = status.fluxnode?.ip ?? status.host;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(ip);
  if (v4) return v4[1]!;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  return bracketed ? bracketed[1]! : ip;
}

/** Text the node reported (IP, txid, bench status), as it goes into a step's detail: one short printable line. */
function told(text: string): string {
  return redactedSample(text, 80);
}

function gb(bytes: number): string {
  return `${(bytes / GB).toFixed(0)} GB`;
}

function hardwareVerdicts(input: EvaluationInput): Record<'arch' | 'uefi' | 'tpm2' | 'secure-boot' | 'virtualization' | 'avx' | 'threads' | 'ram' | 'disk', StepVerdict> {
  const { checklist, hardware } = input;
  const manual = (id: StepId): string => checklist.steps.find((s) => s.id === id)?.manualCheck ?? '';
  if (hardware.kind !== 'facts') {
    const why =
      hardware.kind === 'no-ssh'
        ? 'No SSH access to this node, so FluxDeck cannot read its hardware.'
        : hardware.kind === 'failed'
          ? `The hardware check over SSH failed (${hardware.reason}).`
          : 'Hardware not read yet.';
    const unknown = (id: StepId): StepVerdict => ({ state: 'unknown', detail: `${why} ${manual(id)}` });
    return {
      arch: unknown('arch'), uefi: unknown('uefi'), tpm2: unknown('tpm2'), 'secure-boot': unknown('secure-boot'),
      virtualization: unknown('virtualization'), avx: unknown('avx'), threads: unknown('threads'), ram: unknown('ram'), disk: unknown('disk'),
    };
  }
  const f = hardware.facts;
  const unknown = (id: StepId, what: string): StepVerdict => ({ state: 'unknown', detail: `${what} gave no answer. ${manual(id)}` });
  const isVm = f.virtualization !== null && f.virtualization !== 'none';

  const arch: StepVerdict =
    f.arch === null
      ? unknown('arch', 'uname -m')
      : f.arch === 'x86_64'
        ? { state: 'passed', detail: 'x86_64 (AMD64)' }
        : { state: 'failed', detail: `${f.arch}: ArcaneOS runs on AMD64 (x86_64) only. Move this node to an AMD64 machine.` };

  const uefi: StepVerdict =
    f.firmware === null
      ? unknown('uefi', 'the /sys/firmware/efi test')
      : f.firmware === 'uefi'
        ? { state: 'passed', detail: 'booted in UEFI mode' }
        : { state: 'failed', detail: 'booted in legacy BIOS mode. Switch the firmware to UEFI (and reinstall), or use another machine.' };

  const tpm2: StepVerdict =
    f.tpmVersion === null
      ? unknown('tpm2', 'tpm_version_major')
      : f.tpmVersion === 2
        ? { state: 'passed', detail: 'TPM 2.0 present' }
        : f.tpmVersion === 0
          ? { state: 'failed', detail: `no TPM found. Enable the TPM (fTPM/PTT) in the firmware${isVm ? ' or add a virtual TPM 2.0 to the VM' : ''}, or use another machine.` }
          : { state: 'failed', detail: `TPM ${f.tpmVersion}.x found; ArcaneOS needs TPM 2.0. Switch the TPM to 2.0 in the firmware if it can, or use another machine.` };

  let secureBoot: StepVerdict;
  if (f.secureBoot === 'enabled') secureBoot = { state: 'passed', detail: 'Secure Boot enabled' };
  else if (f.secureBoot === null) secureBoot = unknown('secure-boot', 'mokutil --sb-state');
  else if (isVm) {
    secureBoot = {
      state: 'failed',
      detail: `Secure Boot ${f.secureBoot === 'disabled' ? 'is disabled' : 'is not supported'} on this ${f.virtualization} VM; ArcaneOS requires it on a VM/VPS. Ask the provider for Secure Boot (OVMF with a TPM 2.0) or move to a provider or bare metal that offers it.`,
    };
  } else if (f.secureBoot === 'unsupported') {
    secureBoot = { state: 'pending', detail: 'no EFI variables (BIOS boot): Secure Boot can be checked once the machine boots in UEFI mode (see uefi).' };
  } else {
    secureBoot = { state: 'pending', detail: 'disabled now: on bare metal, enable it in the UEFI setup (custom mode) when you enroll the Flux Platform Key during the install.' };
  }

  const virtualization: StepVerdict =
    f.virtualization === null
      ? unknown('virtualization', 'systemd-detect-virt')
      : { state: 'passed', detail: isVm ? `virtual machine (${f.virtualization}): Secure Boot and a virtual TPM 2.0 must come from the hypervisor` : 'bare metal' };

  const avx: StepVerdict =
    f.cpuFlags === null
      ? f.arch !== null && f.arch !== 'x86_64'
        ? { state: 'pending', detail: 'AVX is an x86-64 feature: see arch.' }
        : unknown('avx', '/proc/cpuinfo')
      : f.cpuFlags.includes('avx')
        ? { state: 'passed', detail: `avx${f.cpuFlags.includes('avx2') ? ' and avx2' : ''} present` }
        : { state: 'failed', detail: `the CPU does not offer AVX${isVm ? ': set the VM CPU type to host' : ': ArcaneOS needs a CPU with AVX'}.` };

  const tier = tierOfStatus(input.status);
  const size = tier ? checklist.sizing.tiers[tier] : null;
  const tol = checklist.sizing.toleranceRatio;
  const sized = (id: 'threads' | 'ram' | 'disk', have: number | null, what: string): StepVerdict => {
    if (have === null) return unknown(id, what);
    if (!size || !tier) return { state: 'unknown', detail: `tier unknown, so the sizing cannot be compared. ${manual(id)}` };
    if (id === 'threads') {
      return have >= size.threads
        ? { state: 'passed', detail: `${have} threads (${tier} needs ${size.threads})` }
        : { state: 'failed', detail: `${have} threads; ${tier} on ArcaneOS needs ${size.threads}. Use a bigger machine.` };
    }
    const need = (id === 'ram' ? size.ramGb : size.diskGb) * GB;
    const label = id === 'ram' ? 'RAM' : 'disk';
    return have >= need * tol
      ? { state: 'passed', detail: `${gb(have)} ${label} (${tier} needs ${gb(need)})` }
      : { state: 'failed', detail: `${gb(have)} ${label}; ${tier} on ArcaneOS needs ${gb(need)}. Add ${label === 'RAM' ? 'memory' : 'disk space'} or use a bigger machine.` };
  };
  return {
    arch, uefi, tpm2, 'secure-boot': secureBoot, virtualization, avx,
    threads: sized('threads', f.threads, 'nproc'),
    ram: sized('ram', f.memTotalBytes, 'free -b'),
    disk: sized('disk', f.diskTotalBytes, 'df'),
  };
}

function collateralVerdict(input: EvaluationInput): StepVerdict {
  const f = input.status.fluxnode;
  if (!f?.txhash || f.outidx === null) return { state: 'unknown', detail: 'the node reported no collateral outpoint yet. Check the txid and index in ZelCore/SSP.' };
  const outpoint = `${told(f.txhash)}:${f.outidx}`;
  const c = input.collateral;
  const min = input.params.collateral.minConfirmations;
  if (c?.spent || c?.unspent === false) return { state: 'failed', detail: `collateral ${outpoint} is spent or gone: a migrated node needs the same unspent output.` };
  if (c?.confirmations !== null && c?.confirmations !== undefined) {
    return c.confirmations >= min
      ? { state: 'passed', detail: `${outpoint}: unspent, ${c.confirmations} confirmations` }
      : { state: 'failed', detail: `${outpoint}: only ${c.confirmations} confirmations; wait for ${min}.` };
  }
  return { state: 'passed', detail: `${outpoint} (reported by the node; confirmations not checked without SSH)` };
}

function apiPortVerdict(input: EvaluationInput): StepVerdict {
  const net = input.checklist.network;
  const ip = publicIpOf(input.status);
  const sharing = input.fleet.filter((s) => publicIpOf(s) === ip).sort((a, b) => a.nodeId - b.nodeId);
  if (sharing.length > net.maxNodesPerIp) {
    return { state: 'failed', detail: `${sharing.length} of your nodes share ${told(ip)}; at most ${net.maxNodesPerIp} nodes per IP are allowed. Move some to another IP.` };
  }
  if (sharing.length <= 1) return { state: 'passed', detail: `only node on ${told(ip)}: the default API port ${net.firstApiPort} (UPnP not needed)` };
  const index = sharing.findIndex((s) => s.nodeId === input.status.nodeId);
  const port = net.firstApiPort + Math.max(0, index) * net.portStep;
  return { state: 'passed', detail: `${sharing.length} of your nodes share ${told(ip)}: use UPnP with API port ${port} for this one` };
}

function windowVerdict(input: EvaluationInput, w: WindowMath): StepVerdict {
  const sync = input.checklist.timing.installAndSyncBlocks;
  const { blocksSinceConfirm, blocksToExpiry, recommendedStart } = w.window;
  if (blocksSinceConfirm === null || blocksToExpiry === null) {
    return { state: 'unknown', detail: 'no confirmation height or chain height known (the node must be CONFIRMED and polled).' };
  }
  const facts = `${blocksSinceConfirm} blocks since the last confirmation, ${blocksToExpiry} blocks (${blocksAsTime(input.params, blocksToExpiry)}) before expiry at ${w.expiryBlocks}`;
  return w.canStartNow
    ? { state: 'passed', detail: `${facts}: start now (the install and sync take about ${sync} blocks).` }
    : { state: 'failed', detail: `${facts}; the install and sync take about ${sync} blocks. Wait for the next confirmation and start at height ${recommendedStart ?? '?'}.` };
}

function afterVerdicts(input: EvaluationInput): Record<'after-arcane' | 'after-bench' | 'after-status' | 'after-collateral' | 'after-ip', StepVerdict> {
  const s = input.status;
  const f = s.fluxnode;
  const arcane = s.flux?.arcaneOS === true;
  const wait: StepVerdict = { state: 'pending', detail: 'after the ArcaneOS install' };
  if (!arcane) {
    return {
      'after-arcane': { state: 'pending', detail: s.flux?.arcaneOS === false ? 'still legacy (/flux/isarcaneos false)' : 'not known yet' },
      'after-bench': wait, 'after-status': wait, 'after-collateral': wait, 'after-ip': wait,
    };
  }
  const tier = tierOfStatus(s);
  const bench = s.benchmark?.status ?? null;
  const b = input.baseline;
  const confirmedAfterStart = f?.status === 'CONFIRMED' && (b?.startHeight == null || (f.confirmedHeight ?? 0) >= b.startHeight);
  const sameOutpoint = b?.txhash ? f?.txhash === b.txhash && f.outidx === b.outidx : Boolean(f?.txhash);
  return {
    'after-arcane': { state: 'passed', detail: '/flux/isarcaneos is true' },
    'after-bench':
      bench && tier && bench.toUpperCase() === tier
        ? { state: 'passed', detail: `benchmark status ${told(bench)}` }
        : { state: 'pending', detail: `benchmark status ${bench === null ? 'unknown' : told(bench)}${tier ? `, waiting for ${tier}` : ''}` },
    'after-status': confirmedAfterStart
      ? { state: 'passed', detail: `CONFIRMED at height ${f?.confirmedHeight ?? '?'}` }
      : { state: 'pending', detail: f?.status === 'STARTED' ? 'STARTED, waiting for CONFIRMED' : `status ${f?.status ?? 'unknown'}: start the node from ZelCore/SSP` },
    'after-collateral': !f?.txhash
      ? { state: 'pending', detail: 'no collateral reported yet' }
      : sameOutpoint
        ? { state: 'passed', detail: `same collateral ${told(f.txhash)}:${f.outidx ?? '?'}` }
        : { state: 'failed', detail: `the node now uses ${told(f.txhash)}:${f.outidx ?? '?'} instead of ${told(b?.txhash ?? '?')}:${b?.outidx ?? '?'}: the identity was not reused.` },
    'after-ip': !f?.ip
      ? { state: 'pending', detail: 'no IP reported yet' }
      : { state: 'passed', detail: b?.ip && b.ip !== f.ip ? `new IP ${told(f.ip)} recorded (was ${told(b.ip)})` : `IP ${told(f.ip)}` },
  };
}

/** Every auto step's verdict plus the window math. */
export function evaluateAutoSteps(input: EvaluationInput): { verdicts: Partial<Record<StepId, StepVerdict>>; window: WindowMath } {
  const w = migrationWindow(input.params, {
    height: input.height,
    lastConfirmedHeight: input.status.fluxnode?.lastConfirmedHeight ?? null,
    installAndSyncBlocks: input.checklist.timing.installAndSyncBlocks,
    nowMs: input.nowMs,
  });
  return {
    verdicts: {
      ...hardwareVerdicts(input),
      collateral: collateralVerdict(input),
      'api-port': apiPortVerdict(input),
      window: windowVerdict(input, w),
      ...afterVerdicts(input),
    },
    window: w,
  };
}
