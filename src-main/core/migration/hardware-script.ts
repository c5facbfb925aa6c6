import { randomBytes } from 'node:crypto';

/**
 * The one SSH exec that reads a legacy node's hardware for the migration checklist. The text is
 * fixed (only a locally generated hex nonce goes in), plain POSIX sh like the probe script, and each
 * command's output sits between nonce-carrying markers so node output cannot forge a boundary.
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

const PREFIX = '@@fluxdeck-hw';

export function newHardwareNonce(): string {
  return randomBytes(8).toString('hex');
}

function marker(nonce: string, name: string): string {
  return `${PREFIX}:${nonce}:${name}`;
}

export function buildHardwareScript(nonce: string): string {
  if (!/^[0-9a-f]{8,32}$/.test(nonce)) throw new RangeError('nonce must be 8-32 lowercase hex characters');
  const lines: string[] = [];
  for (const name of HARDWARE_SECTIONS) lines.push(`echo ${marker(nonce, name)}`, COMMANDS[name]);
  lines.push(`echo ${marker(nonce, 'end')}`);
  return lines.join('\n');
}

/** Output split by section; `complete` = the end marker was seen. */
export function splitHardwareOutput(output: string, nonce: string): { sections: Partial<Record<HardwareSection, string>>; complete: boolean } {
  const known = new Map<string, HardwareSection | 'end'>(HARDWARE_SECTIONS.map((n) => [marker(nonce, n), n]));
  known.set(marker(nonce, 'end'), 'end');
  const sections: Partial<Record<HardwareSection, string>> = {};
  let current: HardwareSection | undefined;
  let buffer: string[] = [];
  for (const line of output.split('\n')) {
    const hit = known.get(line.trim());
    if (hit === undefined) {
      if (current !== undefined) buffer.push(line);
      continue;
    }
    if (current !== undefined && sections[current] === undefined) sections[current] = buffer.join('\n');
    buffer = [];
    if (hit === 'end') return { sections, complete: true };
    current = hit;
  }
  if (current !== undefined && sections[current] === undefined) sections[current] = buffer.join('\n');
  return { sections, complete: false };
}
