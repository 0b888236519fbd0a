/**
 * The Worker's files: a build's files never change under the same deployment, so the asset and KV
 * readers keep what they read in the shared bounded cache (an isolate has 128 MB for everything),
 * and give each file the same strong ETag the Node adapter gives it.
 */
export { cachedFiles } from '../features/site/cached-files.ts';

/** The strong ETag the Node adapter gives the same bytes (SHA-256, base64url, 27 characters), from Web Crypto. */
export async function etagOf(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  const base64url = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `"${base64url.slice(0, 27)}"`;
}
