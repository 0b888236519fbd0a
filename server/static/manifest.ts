import { z } from 'zod';
import { accessSchema } from '../../core/access.ts';
import type { SiteFiles } from './site-files.ts';

const rule = z.object({ access: accessSchema, course: z.string().optional() });

/** dist/private/manifest.json, written by the build's publish step (src/integrations/publish.ts). */
const manifestSchema = z.object({
  version: z.literal(1),
  pages: z.record(z.string(), rule.extend({ index: z.string() })),
  files: z.record(z.string(), rule),
  indexes: z.record(z.string(), rule),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type AccessRule = z.infer<typeof rule>;

const empty: Manifest = { version: 1, pages: {}, files: {}, indexes: {} };

/**
 * Reads the manifest of gated paths. Missing means nothing is gated (a site with only free
 * content, or a plain build); a manifest that does not parse stops the gateway rather than
 * serving with gates open.
 */
export async function readManifest(privateSite: SiteFiles): Promise<Manifest> {
  const file = await privateSite.read('manifest.json');
  if (!file) return empty;
  const parsed = manifestSchema.safeParse(JSON.parse(new TextDecoder().decode(file.body)));
  if (!parsed.success)
    throw new Error(`dist/private/manifest.json is not what this gateway expects (${parsed.error.issues[0]?.message}); rebuild with npm run build.`);
  return parsed.data;
}
