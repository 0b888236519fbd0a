/**
 * The names of the components authors may use in any MDX file without an import. A plain module, so
 * build steps can list them without loading .astro files; index.ts maps each name to its component.
 */
export const mdxComponentNames = ['Callout', 'CodeGroup', 'Figure', 'MembersOnly', 'Steps', 'Video'] as const;

/** One of those names. */
export type MdxComponentName = (typeof mdxComponentNames)[number];
