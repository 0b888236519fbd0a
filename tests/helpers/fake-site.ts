/** In-memory site folders for gateway tests: a few pages and a manifest of gated paths. */
import type { SiteFile, SiteFiles } from '../../server/features/site/site-files.ts';
import type { Manifest } from '../../core/manifest.ts';

function file(text: string, contentType: string): SiteFile {
  return { body: new TextEncoder().encode(text), etag: `"${text.length}"`, contentType };
}

/** A public and a private site holding `pages` (paths like /courses/x/y/) and `manifest`. */
export function fakeSites(pages: string[], manifest: Manifest['pages'] = {}): { site: SiteFiles; privateSite: SiteFiles } {
  const pub = new Map(pages.map((p) => [`${p.slice(1)}index.html`, file(`<h1>${p}</h1>`, 'text/html; charset=utf-8')]));
  const priv = new Map(pub);
  priv.set('manifest.json', file(JSON.stringify({ version: 1, pages: manifest, files: {}, indexes: {} }), 'application/json'));
  return { site: { read: async (p) => pub.get(p) }, privateSite: { read: async (p) => priv.get(p) } };
}
