import { PROBE_COMMANDS } from '../probe/ssh-script';
import { sectionedScript } from '../ssh/sectioned-script';

/**
 * The one SSH exec that reads a legacy node's hardware for the migration checklist: fixed plain
 * POSIX sh like the probe script, sectioned by `ssh/sectioned-script.ts` (nothing but the nonce goes in).
 */

export const HARDWARE_SECTIONS = ['arch', 'threads', 'memory', 'disk', 'efi', 'tpm', 'secureboot', 'virt', 'flags'] as const;
export type HardwareSection = (typeof HARDWARE_SECTIONS)[number];

// arch, threads, memory and disk are read by the probe's own parsers: the same commands.
const COMMANDS: Record<HardwareSection, string> = {
  arch: PROBE_COMMANDS.arch,
  threads: PROBE_COMMANDS.cores,
  memory: PROBE_COMMANDS.memory,
  disk: PROBE_COMMANDS.disk,
  efi: 'test -d /sys/firmware/efi && echo uefi || echo bios',
  tpm: 'cat /sys/class/tpm/tpm0/tpm_version_major 2>/dev/null',
  // stderr kept: "EFI variables are not supported" and "command not found" mean different things.
  secureboot: 'mokutil --sb-state 2>&1',
  virt: 'systemd-detect-virt 2>/dev/null',
  flags: "grep -m 1 '^flags' /proc/cpuinfo 2>/dev/null",
};

export const HARDWARE_SCRIPT = sectionedScript('@@fluxdeck-hw', HARDWARE_SECTIONS, COMMANDS);
