/**
 * Compression of shared JSON answers on Node (`deps.compress`): brotli at quality 5 and gzip at
 * level 6, the usual trade of a dynamic answer (a 60 KB page of comments to about a tenth, in a
 * millisecond or two, once for all the readers it is kept for).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export function compressAnswer(body: Uint8Array<ArrayBuffer>, coding: 'br' | 'gzip'): Uint8Array<ArrayBuffer> {
  const out =
    coding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
      : gzipSync(body, { level: 6 });
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}
