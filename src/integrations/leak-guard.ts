/**
 * The leak guard: after the build, every public file is searched for any sentence that occurs only
 * in members-only text. A hit fails the build, naming the file and the entry it came from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { IndexedEntry } from './content-index.ts';

/** One leak: which public file holds which members-only sentence, from which source file. */
export interface Leak {
  file: string;
  entry: string;
  sentence: string;
}

/**
 * Folds text so the same sentence matches wherever it lands: HTML tags and entities, quotes
 * (the markdown pipeline curls them), JSON escapes and white space do not count. White space goes
 * entirely, since markup adds or removes it around inline code and links.
 */
export function fold(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, code: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
      const lower = code.toLowerCase();
      if (named[lower]) return named[lower]!;
      return String.fromCodePoint(lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10));
    })
    .replace(/\\[nrt]/g, ' ')
    .replace(/["'`“”‘’「」『』\\]/g, '')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, '');
}

/** Sentences of an MDX body as readers see them, long enough that a match cannot be chance. */
export function sentencesOf(mdx: string): string[] {
  const text = mdx
    .replace(/^(```|~~~).*$/gm, '\n')
    .replace(/<\/?[A-Za-z][^>]*>/g, '\n')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_#>|]/g, ' ')
    .replace(/^\s*(\d+\.|[-+])\s+/gm, '');
  return text
    .split(/(?<=[。！？；.!?;:：])\s+|(?<=[。！？；])|\n+/)
    .map((s) => fold(s))
    .filter((s) => (/\p{Script=Han}/u.test(s) ? s.length >= 14 : s.length >= 32));
}

/**
 * Window lengths for the search: a sentence is found by the hash of its first 14 characters, or of
 * its first 32 when it is that long (long windows keep sentences that begin alike apart).
 */
const KEYS = [14, 32] as const;
const BASE = 31;

/** The polynomial hash of `text.slice(from, from + key)` (32-bit). */
function hashAt(text: string, from: number, key: number): number {
  let h = 0;
  for (let i = from; i < from + key; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/** BASE^(key-1), for taking the oldest character out of a rolling hash. */
const top = (key: number) => Array.from({ length: key - 1 }).reduce<number>((acc) => Math.imul(acc, BASE), 1);

/** A map key from a hash: 30 bits stay a small integer in V8, so lookups do not allocate. */
const slot = (h: number) => h & 0x3fffffff;

type Candidates = Map<number, { sentence: string; entry: string }[]>;

/** The members-only sentences of live gated entries that appear nowhere in public sources, by window length and hash. */
export function memberSentences(entries: readonly IndexedEntry[]): Map<number, Candidates> {
  const live = entries.filter((e) => e.live);
  // What is public anyway: every sentence of free bodies, previews, titles and descriptions (a set,
  // so thousands of lessons are not a quadratic search).
  const publicSentences = new Set(live.flatMap((e) => sentencesOf(e.access === 'free' ? e.split.member + '\n' + e.split.preview : e.split.preview)));
  for (const e of live) for (const label of [e.title, e.description]) for (const s of [fold(label), ...sentencesOf(label)]) publicSentences.add(s);
  const byKey = new Map<number, Candidates>(KEYS.map((k) => [k, new Map()]));
  for (const entry of live) {
    if (entry.access === 'free') continue;
    for (const sentence of sentencesOf(entry.split.member)) {
      if (publicSentences.has(sentence)) continue;
      const key = KEYS.findLast((k) => sentence.length >= k)!;
      const map = byKey.get(key)!;
      const h = slot(hashAt(sentence, 0, key));
      const same = map.get(h);
      if (same) same.push({ sentence, entry: entry.file });
      else map.set(h, [{ sentence, entry: entry.file }]);
    }
  }
  return byKey;
}

/** Bits of the hashes of one window length's candidates: most windows are ruled out without a map lookup. */
const FILTER_BITS = 24;

function filterOf(candidates: Candidates): Uint32Array {
  const bits = new Uint32Array(1 << (FILTER_BITS - 5));
  for (const h of candidates.keys()) bits[(h >>> 5) & ((1 << (FILTER_BITS - 5)) - 1)]! |= 1 << (h & 31);
  return bits;
}

/** Every place in `text` where a sentence of `candidates` (all at least `key` long, hashes in `filter`) starts. */
function scan(text: string, key: number, candidates: Candidates, filter: Uint32Array, found: (sentence: string, entry: string) => void): void {
  if (candidates.size === 0 || text.length < key) return;
  const out = top(key);
  const mask = (1 << (FILTER_BITS - 5)) - 1;
  // A rolling hash over every window: one multiply-add per character, and a string comparison
  // only where a window starts like a members-only sentence.
  let h = hashAt(text, 0, key);
  for (let i = 0; ; i++) {
    const s = slot(h);
    if (filter[(s >>> 5) & mask]! & (1 << (s & 31))) {
      const list = candidates.get(s);
      if (list) for (const { sentence, entry } of list) if (text.startsWith(sentence, i)) found(sentence, entry);
    }
    if (i + key >= text.length) break;
    h = (Math.imul(h - Math.imul(text.charCodeAt(i), out), BASE) + text.charCodeAt(i + key)) | 0;
  }
}

/** The public text of a built file, or null for files that cannot carry sentences (images, wasm). */
function readPublic(path: string): string | null {
  if (/\.pf_fragment$/.test(path)) return gunzipSync(readFileSync(path)).toString('utf8');
  if (/\.(html|xml|json|js|mjs|txt|css|svg|webmanifest)$/.test(path)) return readFileSync(path, 'utf8');
  return null;
}

/** Which files of the public folder to read: all, only those under one folder, or all but those. */
export interface LeakScope {
  /** Read only files under this folder of the public folder (e.g. `pagefind`). */
  only?: string;
  /** Read every file except those under this folder (it may still be being written). */
  except?: string;
}

/** Paths of the files under `dir/rel`, relative to `dir`, never entering `except`. */
function filesUnder(dir: string, rel: string, except: string | undefined): string[] {
  const out: string[] = [];
  for (const item of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${item.name}` : item.name;
    if (path === except) continue;
    if (item.isDirectory()) out.push(...filesUnder(dir, path, except));
    else if (item.isFile()) out.push(path);
  }
  return out;
}

/**
 * Every leak of members-only text into `publicDir`, or into the part of it `scope` names (so the
 * pages can be read while Pagefind still writes the search index). `sentences` may be computed ahead.
 */
export function findLeaks(publicDir: string, entries: readonly IndexedEntry[], sentences = memberSentences(entries), scope: LeakScope = {}): Leak[] {
  if ([...sentences.values()].every((m) => m.size === 0)) return [];
  const leaks: Leak[] = [];
  const searches = [...sentences].map(([key, candidates]) => ({ key, candidates, filter: filterOf(candidates) }));
  for (const file of filesUnder(publicDir, scope.only ?? '', scope.except)) {
    const raw = readPublic(join(publicDir, file));
    if (raw === null) continue;
    const text = fold(raw);
    for (const { key, candidates, filter } of searches) scan(text, key, candidates, filter, (sentence, entry) => leaks.push({ file, entry, sentence }));
  }
  return leaks;
}

/** A readable failure for the build log. */
export function describeLeaks(leaks: readonly Leak[]): string {
  const lines = leaks.slice(0, 20).map((l) => `  ${l.file} contains members-only text of ${l.entry}: "${l.sentence.slice(0, 80)}"`);
  const more = leaks.length > 20 ? `\n  …and ${leaks.length - 20} more` : '';
  return `Leak guard: members-only text reached public files, so the build stops.\n${lines.join('\n')}${more}\nMove that text out of its <MembersOnly> block only if it is meant to be public; otherwise find what copies it out (a component prop, meta tag, island or index).`;
}
