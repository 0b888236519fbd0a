/**
 * The server process of the comments benchmark: `node bench/comments-server.ts <db dir>`. The real
 * gateway on a real libSQL file, with one free entry holding 5,000 comments (threads with some
 * replies and likes) and a verified paying member with a session. Prints one JSON line with the
 * port, the cookie and the entry's path, then serves until killed.
 */
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { DEFAULT_COMMENTS_CONFIG } from '../core/comments-config.ts';
import type { EntriesFile } from '../core/entries.ts';
import { createApp } from '../server/app.ts';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { createSession } from '../server/features/accounts/sessions.ts';
import { createUser } from '../server/features/accounts/users.ts';
import { grantComp } from '../server/features/billing/grants.ts';
import { loadPlans } from '../server/features/billing/plans-file.ts';
import { insertCommentStatement, visibilityCountStatements } from '../server/features/comments/store.ts';
import type { SiteFiles } from '../server/features/site/site-files.ts';
import { randomToken } from '../server/lib/crypto.ts';
import { renderMarkdown } from '../server/lib/markdown.ts';
import { systemClock } from '../server/lib/clock.ts';
import { scryptHasher } from '../server/lib/passwords.ts';
import { bufferedLog } from '../server/node/buffered-log.ts';
import { diskSiteFiles } from '../server/node/disk-site-files.ts';
import { preparedHotReads } from '../server/node/prepared-hot-reads.ts';
import { preparedCommentReads } from '../server/node/prepared-comment-reads.ts';
import { preparedBatches } from '../server/node/prepared-batches.ts';
import { sharedReadConnection } from '../server/node/read-connection.ts';
import { markdownRenderer } from '../server/node/markdown-renderer.ts';
import { compressAnswer } from '../server/node/compress.ts';

const root = join(import.meta.dirname, '..');
const [dbDir] = process.argv.slice(2);
if (!dbDir) {
  console.error('usage: comments-server.ts <db dir>');
  process.exit(2);
}
const PATH = '/en/guides/bench-discussion/';
const COMMENTS = 5000;
const db = await openDatabase(`file:${join(dbDir, 'bench.db')}`);
await migrate(db);
const passwords = scryptHasher({ N: 2 ** 10, r: 8, p: 1 });
const now = Math.floor(Date.now() / 1000);
const user = (await createUser(db, { email: `bench-${now}@example.com`, passwordHash: await passwords.hash('bench password'), name: 'Bench', verified: true }, now))!;
await grantComp(db, user.id, 'member', now + 86400, now);
const { token } = await createSession(db, user.id, now);

// The discussion's other members: 99 of them write 99 in 100 comments, the member reading wrote the rest.
const others: string[] = [];
for (let m = 0; m < 99; m++) {
  others.push((await createUser(db, { email: `member-${m}-${now}@example.com`, passwordHash: null, name: `Member ${m}`, verified: true }, now))!.id);
}
let written = 0;
const nextAuthor = () => (written++ % 100 === 99 ? user.id : others[written % 99]!);

// 5,000 comments: 1,000 threads with four replies each, spread over the last days.
const html = renderMarkdown('A **thoughtful** comment with a [link](https://example.com) and `code`.');
for (let t = 0; t < COMMENTS / 5; t += 100) {
  const statements = [];
  for (let i = t; i < t + 100; i++) {
    const threadId = randomToken(10);
    const at = now - 86400 * 3 + i * 60;
    const row = { id: threadId, path: PATH, lang: 'en', threadId, parentId: null, replyToUserId: null, authorId: nextAuthor(), kind: 'comment' as const, status: 'visible' as const, statusReason: null, body: 'A thoughtful comment', html, now: at };
    statements.push(insertCommentStatement(row), ...visibilityCountStatements(row, 1));
    for (let r = 0; r < 4; r++) {
      const reply = { ...row, id: randomToken(10), parentId: threadId, replyToUserId: row.authorId, authorId: nextAuthor(), now: at + r + 1 };
      statements.push(insertCommentStatement(reply), ...visibilityCountStatements(reply, 1));
    }
  }
  await db.batch(statements, 'write');
}

const entries: EntriesFile = {
  version: 1,
  entries: { [PATH]: { kind: 'guides', lang: 'en', title: 'Bench discussion', authors: ['sam-porter'], access: 'free', comments: 'members' } },
  authors: { 'sam-porter': { name: 'Sam Porter' } },
};
// One reading connection for sessions and comments, as npm start opens it.
const reader = sharedReadConnection(join(dbDir, 'bench.db'));
const disk = diskSiteFiles(join(root, 'dist/private'));
const entriesBody = new TextEncoder().encode(JSON.stringify(entries));
const privateSite: SiteFiles = { read: (path) => (path === 'entries.json' ? Promise.resolve({ body: entriesBody, etag: '"b"', contentType: 'application/json' }) : disk.read(path)) };

const app = createApp({
  db,
  site: diskSiteFiles(join(root, 'dist/public')),
  privateSite,
  plans: await loadPlans(join(root, 'content/plans.yaml')),
  mailer: { send: async () => {} },
  passwords,
  dummyPasswordHash: await passwords.hash('dummy'),
  clock: systemClock,
  // As npm start on a local file: prepared reads, prepared write batches joined into group commits.
  reads: preparedHotReads(reader),
  commentReads: preparedCommentReads(reader),
  batches: preparedBatches(join(dbDir, 'bench.db')),
  markdown: markdownRenderer(),
  compress: compressAnswer,
  clientAddress: () => '127.0.0.1',
  log: bufferedLog((chunk) => process.stderr.write(chunk)),
  config: { publicUrl: 'http://localhost:4321', secureCookies: false, development: false },
  // The benchmark posts far past a member's hourly limit; the limit is still counted in the database.
  comments: { ...DEFAULT_COMMENTS_CONFIG, holdFirstComment: false, perMemberPerHour: 100_000_000, perAddressPerHour: 100_000_000 },
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(JSON.stringify({ port: info.port, cookie: `xt_session=${token}`, path: PATH }));
});
process.on('SIGTERM', () => process.exit(0));
