/**
 * The one place that decides whether an entry's MDX is rendered into a public page. Until the
 * gateway serves members-only pages, anything whose access is not `free` is never rendered, so no
 * gated text, heading or component prop can reach a public file.
 */
import { render, type CollectionEntry } from 'astro:content';
import { isOpenAccess, type Access } from '../../core/access.ts';

type Renderable = CollectionEntry<'courses' | 'lessons' | 'cases' | 'guides'>;

/** The rendered entry when its access is open, otherwise undefined. */
export async function renderIfOpen(entry: Renderable, access: Access) {
  return isOpenAccess(access) ? render(entry) : undefined;
}
