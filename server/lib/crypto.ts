/**
 * Small crypto helpers: Web Crypto for randomness, node:crypto's synchronous SHA-256 (Node, and the
 * Worker under nodejs_compat), which a request pays ~2 µs for where Web Crypto's digest, a job on
 * the thread pool, costs ~20 µs and a turn of the event loop.
 */
import { createHash } from 'node:crypto';

const base32 = 'abcdefghijklmnopqrstuvwxyz234567';

// Random bytes drawn 4 KB at a time (one call to the system's generator instead of one per id);
// every byte is handed out once. Filled on first use: edge runtimes refuse randomness at startup.
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let poolAt = 0;

/** `bytes` fresh random bytes from the pool (a view: copy it to keep it past the next call). */
function randomBytesNow(bytes: number): Uint8Array {
  if (bytes > POOL_BYTES) return crypto.getRandomValues(new Uint8Array(bytes));
  if (poolAt + bytes > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + bytes);
  poolAt += bytes;
  return out;
}

/** A random identifier of `bytes` random bytes, lower-case base32 (URL- and cookie-safe). */
export function randomToken(bytes = 20): string {
  const data = randomBytesNow(bytes);
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32[(buffer << (5 - bits)) & 31];
  return out;
}

let lastOrderedTime = 0;

/**
 * A random identifier that sorts (as text) after every one this process made before: a fixed-width
 * base-36 millisecond count, kept strictly increasing, then `bytes` random bytes. Rows written in
 * the same second keep the order they were written in when listed by (created_at, id).
 */
export function orderedToken(bytes = 8): string {
  lastOrderedTime = Math.max(Date.now(), lastOrderedTime + 1);
  return lastOrderedTime.toString(36).padStart(9, '0') + randomToken(bytes);
}

/** A uniformly random string of `length` decimal digits (for emailed sign-in codes). */
export function randomDigits(length: number): string {
  let out = '';
  while (out.length < length) {
    const [n] = crypto.getRandomValues(new Uint32Array(1));
    // Reject the top sliver so every digit is equally likely.
    if (n! < 4_294_967_290) out += String(n! % 10);
  }
  return out;
}

/** SHA-256 of a string, hex. */
export async function sha256Hex(text: string): Promise<string> {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 of a string, raw bytes. */
export async function sha256Bytes(text: string): Promise<Uint8Array> {
  return sha256BytesNow(text);
}

/** SHA-256 of a string, raw bytes, without waiting. */
export function sha256BytesNow(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text, 'utf8').digest());
}

/** Compares two byte arrays in time that does not depend on where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
