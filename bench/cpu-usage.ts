import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ is 100 on every Linux the bench runs on). */
const TICKS_PER_S = 100;

/** CPU seconds (user + system) a process has used so far, or null when it has no /proc entry. */
function cpuOf(pid: number | string): { comm: string; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after it are counted from the ')'.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, close),
      seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S,
    };
  } catch {
    return null;
  }
}

export interface CpuSample {
  at: number;
  /** CPU seconds of each named process. */
  processes: Record<string, number>;
  /** CPU seconds of every PostgreSQL server process on the machine. */
  postgres: number;
}

/**
 * Where the machine's CPU goes during a phase, read from /proc: how a change moves the cost per finding of
 * each process is steadier than findings/s, which follows whatever else the shared cores are doing. Null on
 * a system without /proc.
 */
export function sampleCpu(pids: Record<string, number | undefined>): CpuSample | null {
  if (cpuOf('self') === null) return null;
  const own = process.cpuUsage();
  const processes: Record<string, number> = { bench: (own.user + own.system) / 1e6 };
  for (const [name, pid] of Object.entries(pids)) processes[name] = pid ? (cpuOf(pid)?.seconds ?? 0) : 0;
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = cpuOf(entry);
    if (cpu?.comm === 'postgres') postgres += cpu.seconds;
  }
  return { at: performance.now(), processes, postgres };
}

/** "api 101 µs, worker 134 µs, … per unit; 178 % busy of 200 %" between two samples, over `units` done. */
export function describeCpu(from: CpuSample, to: CpuSample, units: number, cores: number): string {
  const perUnit = (s: number) => `${Math.round((s * 1e6) / units)} µs`;
  const parts = Object.keys(to.processes).map(
    (name) => `${name} ${perUnit(to.processes[name] - (from.processes[name] ?? 0))}`,
  );
  parts.push(`PostgreSQL ${perUnit(to.postgres - from.postgres)}`);
  const used =
    Object.keys(to.processes).reduce((s, n) => s + to.processes[n] - (from.processes[n] ?? 0), 0) +
    to.postgres -
    from.postgres;
  const wall = (to.at - from.at) / 1000;
  return (
    `${parts.join(', ')}; total ${perUnit(used)}, ` +
    `${Math.round((100 * used) / wall)} % busy of ${cores * 100} %`
  );
}
