/**
 * Log lines gathered and written in batches. stdout to a pipe or file is synchronous in Node, so a
 * write per request costs a system call on the hot path; batching every 50 ms (or 64 KB) does not.
 */
export function bufferedLog(write: (chunk: string) => void, intervalMs = 50, maxBytes = 64 * 1024): ((line: string) => void) & { flush(): void } {
  let pending: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const chunk = `${pending.join('\n')}\n`;
    pending = [];
    bytes = 0;
    write(chunk);
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref();
  process.once('exit', flush);
  const log = (line: string) => {
    pending.push(line);
    bytes += line.length;
    if (bytes >= maxBytes) flush();
  };
  return Object.assign(log, { flush });
}
