import { readFileSync } from 'node:fs';
import * as pagefind from 'pagefind';

/** One page for a members' index: where its built HTML is and the public URL results link to. */
export interface IndexedPage {
  file: string;
  url: string;
}

/** Fails with the tool's own words when Pagefind reports errors. */
function check(what: string, errors: string[]): void {
  if (errors.length) throw new Error(`Pagefind could not ${what}: ${errors.join('; ')}`);
}

/** Indexes every page of a built directory into `outputPath`; returns the page count. */
export async function indexDirectory(dir: string, outputPath: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  check('start', errors);
  const added = await index!.addDirectory({ path: dir });
  check(`index ${dir}`, added.errors);
  check('write its index', (await index!.writeFiles({ outputPath })).errors);
  await index!.deleteIndex();
  return added.page_count;
}

/** Indexes pages built elsewhere under the URLs readers use (members' copies live in dist/private). */
export async function indexPages(pages: readonly IndexedPage[], outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  check('start', errors);
  for (const page of pages) check(`index ${page.file}`, (await index!.addHTMLFile({ url: page.url, content: readFileSync(page.file, 'utf8') })).errors);
  check('write its index', (await index!.writeFiles({ outputPath })).errors);
  await index!.deleteIndex();
}

/** Stops Pagefind's helper process once all indexes are written. */
export function closeSearch(): Promise<null> {
  return pagefind.close();
}
