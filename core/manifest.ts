import { z } from 'zod';
import { accessSchema } from './access.ts';

/** Who may read one gated thing: its access rule and, for `course`, which course it belongs to. */
export const accessRuleSchema = z.object({
  /** The entry's access value (`members`, `plan:<id>`, `course`, ...). */
  access: accessSchema,
  /** The course id, needed to decide `course` access. */
  course: z.string().optional(),
});

/**
 * dist/private/manifest.json: what the gateway needs to decide on gated paths. The build's publish
 * step writes it and the gateway reads it; both use this one schema.
 */
export const manifestSchema = z.object({
  version: z.literal(1),
  /** Gated page paths (canonical, with trailing slash), who may read them, and the members' search index they are in. */
  pages: z.record(z.string(), accessRuleSchema.extend({ index: z.string() })),
  /** Gated attachments by path. */
  files: z.record(z.string(), accessRuleSchema),
  /** Members' search indexes under dist/private/pagefind/<key>/ and who may use each. */
  indexes: z.record(z.string(), accessRuleSchema),
});

/** The parsed manifest of gated paths. */
export type Manifest = z.infer<typeof manifestSchema>;

/** One access rule of the manifest. */
export type AccessRule = z.infer<typeof accessRuleSchema>;

/** A manifest that gates nothing: a site with only free content. */
export const emptyManifest: Manifest = { version: 1, pages: {}, files: {}, indexes: {} };
