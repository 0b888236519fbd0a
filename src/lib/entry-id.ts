/**
 * The id (and URL segment) of an entry from its file or folder name: one rule for Astro's
 * collections and for our build steps (manifest, teasers, leak guard), so a gated page is gated
 * under the very path it is published at. Names keep their letters in any script (连续打卡测试
 * stays Chinese), are lower-cased (the gateway lower-cases page paths), and spaces become hyphens;
 * other punctuation is dropped, so "Weekly Review (v2).mdx" is published at /guides/weekly-review-v2/.
 */
export function entryId(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** The id of a file under a collection folder: each folder and the file name (without `.mdx`) through `entryId`. */
export function entryIdOfPath(path: string): string {
  return path
    .replace(/\.mdx$/, '')
    .split('/')
    .map(entryId)
    .join('/');
}
