import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU and memory figures the Node API does not give: `process.cpuUsage()` and
 * `process.resourceUsage()` cover this process only, never its children.
 */

let clockTicks: number | undefined;

/** USER_HZ, the unit of the times in /proc/<pid>/stat (100 on every mainstream Linux). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Fields of /proc/<pid>/stat after the `(comm)` field, which may itself hold spaces. */
function statFields(pid: number | 'self'): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU milliseconds of this process's children that have exited and been reaped (cutime + cstime,
 * fields 16 and 17 of /proc/self/stat). The kernel adds a child's user and system time (and that
 * of its own reaped descendants) here when the parent waits for it, which libuv does on SIGCHLD.
 */
export function reapedChildrenCpuMs(): number {
  // Asked first: on the first call it runs `getconf`, a child that must not land in this reading.
  const hz = ticksPerSecond();
  const f = statFields('self');
  // Fields after comm start at field 3 (state), so field N is index N - 3.
  return ((Number(f[16 - 3]) + Number(f[17 - 3])) * 1000) / hz;
}

/** CPU milliseconds (user + system) a live process has used so far (utime + stime, fields 14 and 15). */
export function cpuMsOf(pid: number): number {
  const hz = ticksPerSecond();
  const f = statFields(pid);
  return ((Number(f[14 - 3]) + Number(f[15 - 3])) * 1000) / hz;
}

/** CPU milliseconds (user + system) this process used since `start` (a `process.cpuUsage()` value). */
export function ownCpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** Resident set size of a live process in MB (VmRSS), or null when it is gone. */
export function rssMbOf(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export function rssMb(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}
