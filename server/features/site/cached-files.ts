/**
 * A bounded cache of built files in front of a loader: a build's files never change while it is
 * served, so a file is read (and on Node hashed and compressed) once, then answered from memory, up
 * to a byte budget, least recently used first out. Concurrent first reads of one path share a single
 * load. Runtime-neutral: the Node adapter wraps its disk reads in it, the Worker its asset and KV reads.
 */
import type { SiteFile, SiteFiles } from './site-files.ts';

/** The bytes a file holds in memory: its body and any stored compressed copies, 64 for a miss. */
export function bytesHeld(file: SiteFile | undefined): number {
  return file ? file.body.byteLength + (file.br?.byteLength ?? 0) + (file.gzip?.byteLength ?? 0) : 64;
}

/** Wraps `load` with an LRU of at most `maxBytes`; `clear` empties it, `usedBytes` says how full it is. */
export function cachedFiles(load: (path: string) => Promise<SiteFile | undefined>, maxBytes: number): SiteFiles & { clear(): void; usedBytes(): number } {
  if (!(maxBytes > 0)) throw new Error('cachedFiles: maxBytes must be a positive number of bytes.');
  const cache = new Map<string, { file: SiteFile | undefined; size: number }>();
  const pending = new Map<string, Promise<SiteFile | undefined>>();
  let used = 0;

  function remember(path: string, file: SiteFile | undefined) {
    const size = bytesHeld(file);
    if (size > maxBytes) return;
    cache.set(path, { file, size });
    used += size;
    for (const [key, entry] of cache) {
      if (used <= maxBytes) break;
      cache.delete(key);
      used -= entry.size;
    }
  }

  return {
    async read(path) {
      const hit = cache.get(path);
      if (hit) {
        // Refresh recency: Map keeps insertion order, so re-inserting moves it to the back.
        cache.delete(path);
        cache.set(path, hit);
        return hit.file;
      }
      let job = pending.get(path);
      if (!job) {
        job = load(path).then(
          (file) => {
            pending.delete(path);
            remember(path, file);
            return file;
          },
          (error: unknown) => {
            pending.delete(path);
            throw error;
          },
        );
        pending.set(path, job);
      }
      return job;
    },
    clear() {
      cache.clear();
      used = 0;
    },
    usedBytes: () => used,
  };
}
