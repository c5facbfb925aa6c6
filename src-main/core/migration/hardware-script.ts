import { newScriptNonce, sectionedScript, type SplitOutput } from '../ssh/sectioned-script';

/**
 * The one SSH exec that reads a legacy node's hardware for the migration checklist: fixed plain
 * POSIX sh like the probe script, sectioned by `ssh/sectioned-script.ts` (nothing but the nonce goes in).
 */

export const HARDWARE_SECTIONS = ['arch', 'threads', 'memory', 'disk', 'efi', 'tpm', 'secureboot', 'virt', 'flags'] as const;
export type HardwareSection = (typeof HARDWARE_SECTIONS)[number];

const COMMANDS: Record<HardwareSection, string> = {
  arch: 'uname -m 2>/dev/null',
  threads: 'nproc 2>/dev/null',
  memory: 'free -b 2>/dev/null',
  disk: 'df -P -B1 / 2>/dev/null',
  efi: 'test -d /sys/firmware/efi && echo uefi || echo bios',
  tpm: 'cat /sys/class/tpm/tpm0/tpm_version_major 2>/dev/null',
  // stderr kept: "EFI variables are not supported" and "command not found" mean different things.
  secureboot: 'mokutil --sb-state 2>&1',
  virt: 'systemd-detect-virt 2>/dev/null',
  flags: "grep -m 1 '^flags' /proc/cpuinfo 2>/dev/null",
};

const HARDWARE_SCRIPT = sectionedScript('@@fluxdeck-hw', HARDWARE_SECTIONS, COMMANDS);

export const newHardwareNonce = newScriptNonce;

export function buildHardwareScript(nonce: string): string {
  return HARDWARE_SCRIPT.build(nonce);
}

/** Output split by section; `complete` = the end marker was seen. */
export function splitHardwareOutput(output: string, nonce: string): SplitOutput<HardwareSection> {
  return HARDWARE_SCRIPT.split(output, nonce);
}
