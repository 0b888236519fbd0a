/**
 * The load client of the HTTP benchmarks: wrk (a C client, Debian package `wrk`), run in its own
 * process so that on a 2-core machine the client is not what limits the figures, with the server's
 * CPU time per request read from /proc around each run (steadier than req/s on a shared machine).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { UsageError } from './benchmark.ts';

/** What one wrk run measured. */
export interface WrkFigure {
  name: string;
  rps: number;
  p50ms: number;
  p99ms: number;
  total: number;
  /** Answers outside 2xx/3xx, and socket errors if any. */
  errors: string;
  /** The server process's CPU time (user + system) per request, in microseconds. */
  cpuUs: number;
  /** What the Lua script printed after the run (e.g. its own status counts), trimmed. */
  scriptOutput: string;
  /**
   * The share of the machine's CPU time the hypervisor gave to others during the run (`steal` in
   * /proc/stat), in percent. On this project's VM it moved between 5 and 40 within an hour, and
   * every figure of a run moves with it.
   */
  stealPct: number;
}

/** The machine's CPU time so far, all of it and the part stolen by the hypervisor, in clock ticks (Linux). */
export function machineTicks(): { total: number; steal: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
}

/** Percent of the CPU time between two readings that was stolen. */
export function stealBetween(before: { total: number; steal: number }, after: { total: number; steal: number }): number {
  return (100 * (after.steal - before.steal)) / Math.max(1, after.total - before.total);
}

/** CPU time (user + system) a process has used so far, in microseconds, from /proc (Linux). */
export function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // USER_HZ is 100 on Linux
}

const toMs = (value: string, unit: string) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;

/**
 * Runs wrk once against the server `pid`. `script` is an optional Lua file; `scriptArgs` reach its
 * `init(args)`. Throws a usage error naming the fix when wrk is missing.
 */
export function wrk(
  name: string,
  pid: number,
  url: string,
  options: { duration: number; connections: number; threads: number; headers?: Record<string, string>; script?: string; scriptArgs?: string[] },
): WrkFigure {
  const args = [`-t${options.threads}`, `-c${options.connections}`, `-d${options.duration}s`, '--latency'];
  for (const [key, value] of Object.entries(options.headers ?? {})) args.push('-H', `${key}: ${value}`);
  if (options.script) args.push('-s', options.script);
  args.push(url);
  if (options.scriptArgs?.length) args.push('--', ...options.scriptArgs);
  const before = cpuMicros(pid);
  const ticks = machineTicks();
  const run = spawnSync('wrk', args, { encoding: 'utf8' });
  const cpu = cpuMicros(pid) - before;
  const stealPct = stealBetween(ticks, machineTicks());
  if (run.error) throw new UsageError(`wrk could not run (${run.error.message}); install it (apt-get install wrk).`);
  if (run.status !== 0) throw new Error(`wrk failed (${run.status}): ${run.stderr || run.stdout}`);
  const out = run.stdout;
  const p50 = /50%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? '0';
  const socket = /Socket errors:[^\n]+/.exec(out)?.[0] ?? '';
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  return {
    name,
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50ms: p50 ? toMs(p50[1]!, p50[2]!) : NaN,
    p99ms: p99 ? toMs(p99[1]!, p99[2]!) : NaN,
    total,
    errors: `${non2xx}${socket ? ` (${socket})` : ''}`,
    cpuUs: cpu / Math.max(1, total),
    scriptOutput: (out.split('Transfer/sec:')[1] ?? '').split('\n').slice(1).join('\n').trim(),
    stealPct,
  };
}

/**
 * A Lua script for wrk that sends each request with the next cookie of `cookieFile` (one per line),
 * each thread taking its own stripe of the lines, so no two requests of a run share a session until
 * the stripe wraps. With `countStatuses`, counts the answers (200, 201, 3xx, 4xx, 5xx) and prints
 * them after the run as `status <class> <count>` lines: that needs a Lua `response` callback, which
 * makes wrk hand every response's headers and body to Lua (costly on the 2 cores it shares with the
 * server for large answers), so reads leave it off and rely on wrk's own non-2xx count.
 */
export function rotatingCookieScript(
  method: 'GET' | 'POST',
  path: string,
  body?: string,
  headers: Record<string, string> = {},
  countStatuses = true,
): string {
  const lua = (s: string) => JSON.stringify(s); // a JSON string is a valid Lua string literal for these ASCII values
  const extra = Object.entries(headers)
    .map(([k, v]) => `  h[${lua(k)}] = ${lua(v)}\n`)
    .join('');
  return `local threads = {}
local counter = 0
function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
local cookies = {}
local next_cookie = 0
function init(args)
  local all = {}
  for line in io.lines(args[1]) do table.insert(all, line) end
  local count = tonumber(args[2])
  for i = index + 1, #all, count do table.insert(cookies, all[i]) end
end
function request()
  next_cookie = next_cookie % #cookies + 1
  local h = {}
  h["Cookie"] = cookies[next_cookie]
${extra}  return wrk.format(${lua(method)}, ${lua(path)}, h, ${body === undefined ? 'nil' : lua(body)})
end
${countStatuses ? STATUS_COUNTING : ''}`;
}

const STATUS_COUNTING = `function response(status, headers, body)
  local class = (status == 200 or status == 201) and tostring(status) or (tostring(math.floor(status / 100)) .. "xx")
  _G["n" .. class] = (_G["n" .. class] or 0) + 1
end
function done(summary, latency, requests)
  for _, class in ipairs({ "200", "201", "3xx", "4xx", "5xx" }) do
    local n = 0
    for _, thread in ipairs(threads) do n = n + (thread:get("n" .. class) or 0) end
    print("status " .. class .. " " .. n)
  end
end
`;

/** The status counts a `rotatingCookieScript` printed. */
export function statusCounts(figure: WrkFigure): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of figure.scriptOutput.matchAll(/^status (\w+) (\d+)$/gm)) counts[m[1]!] = Number(m[2]);
  return counts;
}
