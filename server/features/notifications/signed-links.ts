/**
 * Signed links (one-click unsubscribe): HMAC-SHA256 over the link's content with a secret made once
 * per database, so every gateway process signs and checks alike without a setting to configure.
 * Web Crypto only (edge-ready).
 */
import type { Client } from '@libsql/client';
import { constantTimeEqual } from '../../lib/crypto.ts';

let cached: { db: Client; key: Promise<CryptoKey> } | undefined;

async function loadKey(db: Client, now: number): Promise<CryptoKey> {
  const fresh = crypto.getRandomValues(new Uint8Array(32));
  await db.execute({ sql: "INSERT INTO signing_keys (name, secret, created_at) VALUES ('links', ?, ?) ON CONFLICT (name) DO NOTHING", args: [fresh, now] });
  const row = (await db.execute("SELECT secret FROM signing_keys WHERE name = 'links'")).rows[0]!;
  return crypto.subtle.importKey('raw', new Uint8Array(row.secret as ArrayBuffer), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

function keyOf(db: Client, now: number): Promise<CryptoKey> {
  if (!cached || cached.db !== db) cached = { db, key: loadKey(db, now) };
  return cached.key;
}

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function mac(db: Client, payload: string, now: number): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await keyOf(db, now), new TextEncoder().encode(payload)));
}

/** A token carrying `parts` (no dots inside) and their signature: `part.part.signature`. */
export async function signParts(db: Client, parts: readonly string[], now: number): Promise<string> {
  const payload = parts.join('.');
  return `${payload}.${toBase64Url((await mac(db, payload, now)).slice(0, 18))}`;
}

/** The parts of a token this database signed, or null for anything else. */
export async function verifyParts(db: Client, token: string, now: number): Promise<string[] | null> {
  const parts = token.split('.');
  if (parts.length < 2 || token.length > 300) return null;
  const signature = parts.pop()!;
  const expected = toBase64Url((await mac(db, parts.join('.'), now)).slice(0, 18));
  const a = new TextEncoder().encode(signature);
  const b = new TextEncoder().encode(expected);
  return constantTimeEqual(a, b) ? parts : null;
}
