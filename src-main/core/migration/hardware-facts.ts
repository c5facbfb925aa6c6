import stripAnsi from 'strip-ansi';
import { z } from 'zod';
import type { NodeExec } from '../collateral/ssh-gettxout';
import { parseArch, parseCores, parseDisk, parseMemory } from '../probe/ssh-sections';
import { newScriptNonce } from '../ssh/sectioned-script';
import { HARDWARE_SCRIPT } from './hardware-script';

/**
 * A legacy node's hardware as read by the one migration exec. Every field is null when its command
 * printed nothing usable: the matching step is then `unknown`, never guessed.
 */
export const hardwareFactsSchema = z.object({
  arch: z.string().nullable(),
  threads: z.number().int().nullable(),
  memTotalBytes: z.number().nullable(),
  diskTotalBytes: z.number().nullable(),
  firmware: z.enum(['uefi', 'bios']).nullable(),
  /** 2, 1, or 0 when the node has no TPM device; null when unreadable. */
  tpmVersion: z.number().int().nullable(),
  /** enabled / disabled / unsupported (BIOS, no EFI variables); null when mokutil is missing. */
  secureBoot: z.enum(['enabled', 'disabled', 'unsupported']).nullable(),
  /** `none` on bare metal, else the hypervisor name. */
  virtualization: z.string().nullable(),
  /** CPU flags; null when no `flags` line (e.g. ARM prints `Features`). */
  cpuFlags: z.array(z.string()).nullable(),
});
export type HardwareFacts = z.infer<typeof hardwareFactsSchema>;

const clean = (text: string | undefined): string => stripAnsi(text ?? '').replace(/\r/g, '').trim();
const value = <T>(outcome: { ok: true; value: T } | { ok: false }): T | null => (outcome.ok ? outcome.value : null);

/** Parses the sections of one run of the hardware script. */
export function parseHardwareOutput(output: string, nonce: string): HardwareFacts {
  const { sections: s } = HARDWARE_SCRIPT.split(output, nonce);
  const efi = clean(s.efi);
  const tpm = clean(s.tpm);
  const sb = clean(s.secureboot);
  const virt = clean(s.virt).split('\n')[0] ?? '';
  const flagsLine = clean(s.flags).split('\n')[0] ?? '';
  const flags = /^flags\s*:\s*(.*)$/.exec(flagsLine);
  return {
    arch: s.arch === undefined ? null : value(parseArch(clean(s.arch))),
    threads: s.threads === undefined ? null : value(parseCores(clean(s.threads))),
    memTotalBytes: s.memory === undefined ? null : (value(parseMemory(clean(s.memory)))?.totalBytes ?? null),
    diskTotalBytes: s.disk === undefined ? null : (value(parseDisk(clean(s.disk)))?.totalBytes ?? null),
    firmware: efi === 'uefi' || efi === 'bios' ? efi : null,
    // No tpm0 at all (the file is missing: empty output after a complete run) means no TPM.
    tpmVersion: /^\d{1,2}$/.test(tpm) ? Number(tpm) : s.tpm !== undefined && tpm === '' ? 0 : null,
    secureBoot: /SecureBoot enabled/i.test(sb)
      ? 'enabled'
      : /SecureBoot disabled/i.test(sb)
        ? 'disabled'
        : /not supported/i.test(sb)
          ? 'unsupported'
          : null,
    virtualization: /^[a-z0-9_-]{1,32}$/.test(virt) ? virt : null,
    cpuFlags: flags ? flags[1]!.split(/\s+/).filter((f) => /^[a-z0-9_]{1,40}$/.test(f)) : null,
  };
}

export type HardwareRead = { kind: 'facts'; facts: HardwareFacts } | { kind: 'no-ssh' } | { kind: 'failed'; reason: string };

/** Runs the hardware exec on a node: `no-ssh` when it has no SSH access (no credentials, ArcaneOS). */
export async function readHardware(exec: NodeExec, nodeId: number): Promise<HardwareRead> {
  const nonce = newScriptNonce();
  try {
    const result = await exec(nodeId, HARDWARE_SCRIPT.build(nonce));
    if (result === null) return { kind: 'no-ssh' };
    if (!HARDWARE_SCRIPT.split(result.stdout, nonce).complete) return { kind: 'failed', reason: 'the hardware check did not run to the end' };
    return { kind: 'facts', facts: parseHardwareOutput(result.stdout, nonce) };
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message.slice(0, 200) : 'SSH failed' };
  }
}
