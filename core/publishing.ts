/**
 * Whether an entry is live: not a draft, and its publish date has come. Production builds show only
 * live entries; `npm run dev` shows everything so authors can preview.
 */
export function isPublished(data: { draft: boolean; publishDate?: Date | undefined }, now: Date): boolean {
  if (data.draft) return false;
  return !data.publishDate || data.publishDate.getTime() <= now.getTime();
}
