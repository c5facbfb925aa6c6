import type { SimNode } from './sim-node';
import type { SystemState } from './state.schema';
import { ok, type CommandResult } from './ssh-shell';

/**
 * The hardware a migration check reads, answered as Linux prints it. Defaults (keys absent) are a
 * qualifying bare-metal box: UEFI, TPM 2.0, Secure Boot on, no hypervisor, AVX/AVX2.
 */

export const DEFAULT_CPU_FLAGS = [
  'fpu', 'vme', 'de', 'pse', 'tsc', 'msr', 'pae', 'mce', 'cx8', 'apic', 'sep', 'mtrr', 'pge', 'mca', 'cmov', 'pat', 'pse36',
  'clflush', 'mmx', 'fxsr', 'sse', 'sse2', 'ht', 'syscall', 'nx', 'lm', 'constant_tsc', 'pni', 'ssse3', 'fma', 'cx16',
  'sse4_1', 'sse4_2', 'x2apic', 'movbe', 'popcnt', 'aes', 'xsave', 'avx', 'f16c', 'rdrand', 'hypervisor', 'avx2', 'bmi1', 'bmi2',
];

function hw(sys: SystemState) {
  return {
    firmware: sys.firmware ?? 'uefi',
    tpmVersion: sys.tpmVersion === undefined ? 2 : sys.tpmVersion,
    secureBoot: sys.secureBoot === undefined ? true : sys.secureBoot,
    virtualization: sys.virtualization ?? 'none',
    cpuFlags: sys.cpuFlags ?? DEFAULT_CPU_FLAGS,
  };
}

/** Whether a sysfs path exists on this node (only the ones a migration check asks about). */
export function pathExists(path: string, node: SimNode): boolean {
  const h = hw(node.state.system);
  const p = path.replace(/\/+$/, '');
  if (p === '/sys/firmware/efi' || p === '/sys/firmware/efi/efivars') return h.firmware === 'uefi';
  if (p === '/sys/class/tpm/tpm0' || p === '/sys/class/tpm/tpm0/tpm_version_major') return h.tpmVersion !== null;
  return p === '/proc/cpuinfo' || p === '/proc/loadavg' || p === '/proc/uptime' || p === '/etc/hostname';
}

/** Contents of the hardware files; undefined when the file does not exist here. */
export function hardwareFile(path: string, node: SimNode): string | undefined {
  const sys = node.state.system;
  const h = hw(sys);
  if (path === '/sys/class/tpm/tpm0/tpm_version_major') return h.tpmVersion === null ? undefined : `${h.tpmVersion}\n`;
  if (path !== '/proc/cpuinfo') return undefined;
  const arm = !/^(x86_64|i[3-6]86)$/.test(sys.arch);
  let out = '';
  for (let i = 0; i < sys.cpus; i++) {
    out += arm
      ? `processor\t: ${i}\nBogoMIPS\t: 108.00\nFeatures\t: fp asimd evtstrm crc32 cpuid\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU part\t: 0xd08\n\n`
      : `processor\t: ${i}\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7543P 32-Core Processor\ncpu MHz\t\t: 2800.000\nflags\t\t: ${h.cpuFlags.join(' ')}\n\n`;
  }
  return out;
}

/** `mokutil --sb-state`. */
export function mokutil(args: string[], node: SimNode): CommandResult {
  const h = hw(node.state.system);
  if (!args.includes('--sb-state')) return { stdout: '', stderr: 'simulated mokutil only answers --sb-state\n', code: 1 };
  if (h.secureBoot === null) return { stdout: '', stderr: 'mokutil: command not found\n', code: 127 };
  if (h.firmware !== 'uefi') return { stdout: '', stderr: 'EFI variables are not supported on this system\n', code: 255 };
  return ok(h.secureBoot ? 'SecureBoot enabled\n' : 'SecureBoot disabled\n');
}

/** `systemd-detect-virt`: prints `none` and exits 1 on bare metal. */
export function systemdDetectVirt(node: SimNode): CommandResult {
  const v = hw(node.state.system).virtualization;
  return { stdout: `${v}\n`, stderr: '', code: v === 'none' ? 1 : 0 };
}

/** `test -d|-e|-f PATH` (and `[ … ]`). */
export function testCommand(args: string[], node: SimNode): CommandResult {
  const list = args[args.length - 1] === ']' ? args.slice(0, -1) : args;
  const [flag, path] = list;
  if (!flag || !path || !['-d', '-e', '-f'].includes(flag)) return { stdout: '', stderr: '', code: 2 };
  return { stdout: '', stderr: '', code: pathExists(path, node) ? 0 : 1 };
}

/** `grep [-m N] [-w] PATTERN FILE`: basic regular expressions as JS regexes (enough for `^flags`). */
export function grep(args: string[], read: (file: string) => string | undefined): CommandResult {
  let max = Infinity;
  let word = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-m') max = Number(args[++i]);
    else if (/^-m\d+$/.test(a)) max = Number(a.slice(2));
    else if (a === '-w') word = true;
    else rest.push(a);
  }
  const [pattern, file] = rest;
  if (pattern === undefined || file === undefined) return { stdout: '', stderr: 'Usage: grep [OPTION]... PATTERNS [FILE]...\n', code: 2 };
  const text = read(file);
  if (text === undefined) return { stdout: '', stderr: `grep: ${file}: No such file or directory\n`, code: 2 };
  let re: RegExp;
  try {
    re = new RegExp(word ? `(^|\\W)${pattern}(\\W|$)` : pattern);
  } catch {
    return { stdout: '', stderr: 'grep: Invalid regular expression\n', code: 2 };
  }
  const hits = text.split('\n').filter((l) => re.test(l)).slice(0, max);
  return { stdout: hits.map((l) => `${l}\n`).join(''), stderr: '', code: hits.length > 0 ? 0 : 1 };
}
