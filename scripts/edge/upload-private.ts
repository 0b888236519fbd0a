/**
 * `npm run edge:upload-private [-- --local] [--deploy] [--dry-run]`: writes dist/private and the
 * content settings into the Worker's KV namespace (binding PRIVATE_FILES) with wrangler, under a new
 * build id, and prints the deploy command that switches the Worker to it. `--deploy` runs that
 * command too; `--local` fills `wrangler dev`'s local store instead of Cloudflare's.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bulkFile, bulkGroups, privateStoreEntries } from './private-store.ts';

const root = resolve(import.meta.dirname, '../..');

function run(args: string[]): void {
  console.log(`$ npx ${args.join(' ')}`);
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`wrangler stopped (exit ${result.status ?? result.signal}); nothing was switched: the Worker still serves its current build.`);
    process.exit(1);
  }
}

const { values } = parseArgs({
  options: { local: { type: 'boolean', default: false }, deploy: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } },
});
try {
  const { build, entries } = await privateStoreEntries(join(root, 'dist/private'), root);
  await mkdir(join(root, '.cache/edge'), { recursive: true });
  const groups = bulkGroups(entries);
  const files: string[] = [];
  for (const [i, group] of groups.entries()) {
    const file = join(root, `.cache/edge/private-${build}-${i + 1}.json`);
    await writeFile(file, bulkFile(group));
    files.push(file);
  }
  const bytes = entries.reduce((sum, e) => sum + e.value.byteLength, 0);
  console.log(`private build ${build}: ${entries.length} keys, ${(bytes / 1024).toFixed(0)} KiB, in ${files.join(', ')}`);
  if (values['dry-run']) process.exit(0);
  // No Worker reads this build before the deploy below names it, so a half-finished upload is never served.
  for (const file of files) run(['--yes', 'wrangler', 'kv', 'bulk', 'put', file, '--binding', 'PRIVATE_FILES', values.local ? '--local' : '--remote']);
  const deploy = ['wrangler', 'deploy', '--var', `PRIVATE_BUILD:${build}`];
  if (values.deploy) run(['--yes', ...deploy]);
  else
    console.log(
      `Now switch the Worker to it:\n  npx ${deploy.join(' ')}${values.local ? '\n(or for wrangler dev: npx wrangler dev --var PRIVATE_BUILD:' + build + ')' : ''}`,
    );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
