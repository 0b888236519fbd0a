/**
 * Reading Accept-Encoding (RFC 9110 §12.5.3) exactly: `br;q=0` refuses br, `*` stands for every
 * coding not named, and no header at all means identity only. Shared by the file answers and the
 * Node memo of them, so both pick the same bytes.
 */

/** Exact-token tests for the common header without q-values or `*` (what browsers send): no allocation per request. */
const plain: Record<string, RegExp> = { br: /(?:^|,)\s*br\s*(?:,|$)/i, gzip: /(?:^|,)\s*gzip\s*(?:,|$)/i };

/** True when `header` accepts the content coding `coding` (e.g. `br`, `gzip`). */
export function acceptsEncoding(header: string | undefined, coding: string): boolean {
  if (!header) return false;
  const fast = plain[coding];
  if (fast && !header.includes(';') && !header.includes('*')) return fast.test(header);
  let wildcard: boolean | undefined;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (name === coding) return accepted;
    if (name === '*') wildcard = accepted;
  }
  return wildcard ?? false;
}
