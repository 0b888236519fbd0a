/**
 * Runs a command and measures its wall time, CPU time and the peak memory of its whole process tree.
 * Builds hand work to child processes (Pagefind is a separate binary), so the parent's RSS alone would
 * undercount; we sum VmRSS over the process and every descendant, sampled every 100 ms. Linux only.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** What one measured command did. */
export interface Measured {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Everything it printed, stdout and stderr interleaved. */
  output: string;
  wallMs: number;
  /**
   * CPU time (user + system) of the tree, including reaped children, as of the last sample (up to
   * 100 ms before exit). Less sensitive than wall time to other work on a busy machine.
   */
  cpuMs: number;
  /** Largest sum of VmRSS over the tree seen in any one sample. */
  peakRssBytes: number;
}

const sampleEveryMs = 100;
// /proc reports CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space.
const msPerTick = 10;
// Some kernels are built without /proc/<pid>/task/<tid>/children; scanning /proc then finds descendants.
const hasChildrenFiles = existsSync(`/proc/self/task/${process.pid}/children`);

/** Runs `command args` in `cwd` with `env`, sampling its tree's memory until it exits. */
export function measureCommand(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Measured> {
  if (!existsSync('/proc/self/status')) throw new Error('The build benchmark reads /proc to measure memory; run it on Linux.');
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let peak = 0;
    let cpuTicks = 0;
    const sample = () => {
      if (!child.pid) return;
      const tree = descendantsOf(child.pid);
      peak = Math.max(
        peak,
        tree.reduce((sum, p) => sum + rssBytes(p), 0),
      );
      cpuTicks = Math.max(
        cpuTicks,
        tree.reduce((sum, p) => sum + cpuTicksOf(p), 0),
      );
    };
    const timer = setInterval(sample, sampleEveryMs);
    sample();
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => {
      clearInterval(timer);
      fail(error);
    });
    child.on('exit', (code, signal) => {
      const wallMs = performance.now() - started;
      clearInterval(timer);
      // 'close' follows once the pipes drain, so the output is complete.
      child.on('close', () => done({ code, signal, output, wallMs, cpuMs: cpuTicks * msPerTick, peakRssBytes: peak }));
    });
  });
}

function descendantsOf(pid: number): number[] {
  const tree = [pid];
  const childrenOf = hasChildrenFiles ? readChildren : parentMap();
  for (let i = 0; i < tree.length; i++) tree.push(...childrenOf(tree[i]!));
  return tree;
}

/** Children of a process, from each of its threads' children file (a child belongs to the thread that forked it). */
function readChildren(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** The fields after the command name (which may hold spaces and parentheses): field 3 onwards. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime + cutime + cstime: a child's ticks move into its parent's c-fields when it is reaped, so the tree's sum never drops. */
function cpuTicksOf(pid: number): number {
  try {
    const fields = statFields(pid);
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  } catch {
    return 0;
  }
}

/** Fallback: one pass over /proc/*\/stat, returning a children lookup built from each process's ppid. */
function parentMap(): (pid: number) => number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(statFields(Number(name))[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process exited between readdir and read.
    }
  }
  return (pid) => children.get(pid) ?? [];
}

function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
