import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { openDatabase, type Client } from '../../../../server/db/client.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { createUser } from '../../../../server/features/accounts/users.ts';

let dir: string;
let db: Client;
let env: Record<string, string>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-author-cli-'));
  env = { DATABASE_URL: `file:${join(dir, 'admin.db')}` };
  db = await openDatabase(env.DATABASE_URL!);
  await migrate(db);
  await createUser(db, { email: 'lin@example.com', passwordHash: null, name: 'Lin' }, 1);
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

it('author:link links an author id of content/authors/ to an account, and refuses unknown ones', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const run = (...argv: string[]) => runAdmin(argv, env, (l) => out.push(l), (l) => err.push(l));
  expect(await run('author:link', '--author', 'lin-yue', '--email', 'lin@example.com')).toBe(0);
  expect(out.join('\n')).toContain('Linked author lin-yue to lin@example.com');
  const row = (await db.execute('SELECT author_id, user_id FROM author_accounts')).rows[0]!;
  expect(row.author_id).toBe('lin-yue');
  expect(await run('author:link', '--author', 'nobody', '--email', 'lin@example.com')).toBe(2);
  expect(err.join('\n')).toContain('chen-mo, lin-yue, sam-porter');
  expect(await run('author:link', '--author', 'lin-yue', '--email', 'who@example.com')).toBe(2);
});
