import type { SystemState } from './state.schema';

/**
 * Legacy nodes that fail exactly one ArcaneOS migration step (Cumulus, otherwise healthy), for the
 * migration checklist: each changes only the `state.system` keys of that one requirement.
 */
export const MIGRATION_PRESETS: Record<string, Partial<SystemState>> = {
  'migration-no-tpm': { tpmVersion: null },
  'migration-tpm12': { tpmVersion: 1 },
  'migration-bios': { firmware: 'bios' },
  'migration-arm': { arch: 'aarch64' },
  'migration-vps-no-secureboot': { virtualization: 'kvm', secureBoot: false },
  'migration-low-ram': { memory: { totalBytes: 4 * 1024 ** 3, usedBytes: 1024 ** 3, sharedBytes: 64 * 1024 ** 2, buffCacheBytes: 1024 ** 3, swapTotalBytes: 2 * 1024 ** 3, swapUsedBytes: 0 } },
  'migration-no-avx': { cpuFlags: ['fpu', 'vme', 'de', 'pse', 'tsc', 'msr', 'pae', 'sse', 'sse2', 'ht', 'syscall', 'nx', 'lm', 'pni', 'ssse3', 'sse4_1', 'sse4_2', 'popcnt', 'aes'] },
};

/** The step each migration preset fails (tests and docs). */
export const MIGRATION_PRESET_FAILS: Record<string, string> = {
  'migration-no-tpm': 'tpm2',
  'migration-tpm12': 'tpm2',
  'migration-bios': 'uefi',
  'migration-arm': 'arch',
  'migration-vps-no-secureboot': 'secure-boot',
  'migration-low-ram': 'ram',
  'migration-no-avx': 'avx',
};
