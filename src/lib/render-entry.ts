/**
 * The one place that decides what of an entry a page renders. A public page of a gated entry
 * renders its generated teaser (the part before `<MembersOnly>`), never the entry itself, so no
 * member text, heading or component prop reaches a public file. Only the private copy (mode
 * 'full', written to dist/private and served by the gateway to entitled readers) renders it all.
 */
import { getEntry, render, type CollectionEntry } from 'astro:content';
import { isOpenAccess, type Access } from '../../core/access.ts';
import { authorsPreview } from './preview.ts';

type Renderable = CollectionEntry<'lessons' | 'cases' | 'guides'>;

/** `public`: the page anyone may fetch; `full`: the members' copy. */
export type RenderMode = 'public' | 'full';

/**
 * What to render: the whole entry, its public preview, or nothing (gated whole). The authors' preview
 * (`npm run dev`) renders the whole entry, with `gatedWhole` when no part of it is public (the page
 * then frames all of it as members-only; `<MembersOnly>` blocks frame themselves).
 */
export async function renderEntry(entry: Renderable, access: Access, mode: RenderMode) {
  if (mode === 'full' || isOpenAccess(access)) return render(entry);
  const teaser = await getEntry('teasers', `${entry.collection}/${entry.id}`);
  if (authorsPreview) return { ...(await render(entry)), gatedWhole: !teaser?.data.hasPreview };
  return teaser?.data.hasPreview ? render(teaser) : undefined;
}
