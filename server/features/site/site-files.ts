/**
 * The shape of the built site as the gateway sees it: files by path, already compressed, with ETags.
 * Web-standard on purpose: a disk adapter serves Node, another can serve an edge runtime.
 */

/** One built file held in memory, with its precompressed variants. */
export interface SiteFile {
  body: Uint8Array;
  br?: Uint8Array | undefined;
  gzip?: Uint8Array | undefined;
  /** A strong ETag (quoted) of `body`. */
  etag: string;
  contentType: string;
}

/** Where the gateway reads built files from. `path` is relative, already normalised, never `..`. */
export interface SiteFiles {
  read(path: string): Promise<SiteFile | undefined>;
}
