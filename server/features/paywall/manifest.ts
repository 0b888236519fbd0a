import { emptyManifest, manifestSchema, type Manifest } from '../../../core/manifest.ts';
import type { SiteFiles } from '../site/site-files.ts';
import { describeIssues } from '../../../core/zod-issues.ts';

export type { AccessRule, Manifest } from '../../../core/manifest.ts';

/**
 * Reads the manifest of gated paths. Missing means nothing is gated (a site with only free
 * content, or a plain build); a manifest that does not parse stops the gateway rather than
 * serving with gates open.
 */
export async function readManifest(privateSite: SiteFiles): Promise<Manifest> {
  const file = await privateSite.read('manifest.json');
  if (!file) return emptyManifest;
  const parsed = manifestSchema.safeParse(JSON.parse(new TextDecoder().decode(file.body)));
  if (!parsed.success)
    throw new Error(
      `dist/private/manifest.json is not what this gateway expects (${describeIssues(parsed.error.issues.slice(0, 1))}); rebuild with npm run build.`,
    );
  return parsed.data;
}
