/** Entries, members and roles for the comment tests, on a test gateway with a members' build of two entries. */
import type { EntriesFile } from '../../core/entries.ts';
import type { AppDeps } from '../../server/app.ts';
import { DEFAULT_COMMENTS_CONFIG, type CommentsConfig } from '../../core/comments-config.ts';
import { createUser, markEmailVerified, setRole, type Role } from '../../server/features/accounts/users.ts';
import { grantComp } from '../../server/features/billing/grants.ts';
import type { SiteFiles } from '../../server/features/site/site-files.ts';
import { preparedBatches } from '../../server/node/prepared-batches.ts';
import { markdownRenderer } from '../../server/node/markdown-renderer.ts';
import { preparedCommentReads } from '../../server/node/prepared-comment-reads.ts';
import { preparedHotReads } from '../../server/node/prepared-hot-reads.ts';
import { sharedReadConnection } from '../../server/node/read-connection.ts';
import { client, createTestGateway, testHasher, type TestGateway } from './gateway.ts';

const PASSWORD = 'correct horse battery';
const passwordHash = testHasher.hash(PASSWORD);

/** A free guide and a members-only guide, both by the author `lin-yue`. */
export const FREE = '/guides/open-guide/';
export const GATED = '/guides/members-guide/';

export const testEntries: EntriesFile = {
  version: 1,
  entries: {
    [FREE]: { kind: 'guides', lang: 'zh-CN', title: '公开指南', authors: ['lin-yue'], access: 'free', comments: 'members' },
    [GATED]: { kind: 'guides', lang: 'zh-CN', title: '会员指南', authors: ['lin-yue'], access: 'members', comments: 'members' },
    '/en/guides/registered-talk/': { kind: 'guides', lang: 'en', title: 'Registered talk', authors: ['sam-porter'], access: 'free', comments: 'registered' },
    '/guides/quiet/': { kind: 'guides', lang: 'zh-CN', title: '安静', authors: ['lin-yue'], access: 'free', comments: 'off' },
  },
  authors: { 'lin-yue': { name: '林悦', account: 'author@example.com' }, 'sam-porter': { name: 'Sam Porter' } },
};

/** A members' build that holds only entries.json. */
export function entriesSite(entries: EntriesFile = testEntries): SiteFiles {
  const body = new TextEncoder().encode(JSON.stringify(entries));
  return {
    read: async (path) => (path === 'entries.json' ? { body, etag: '"e"', contentType: 'application/json' } : undefined),
  };
}

/**
 * A gateway whose build has `testEntries`, with comment settings `config` (first comments not held
 * unless asked). As npm start on a local file, comments are read and written on prepared statements and Markdown is rendered on a worker thread
 * (`drivers: 'client'` for the plain client every other runtime uses).
 */
export async function commentsGateway(
  config: Partial<CommentsConfig> = {},
  overrides: Partial<AppDeps> = {},
  drivers: 'prepared' | 'client' = 'prepared',
): Promise<TestGateway> {
  const opened: { close(): void | Promise<void> }[] = [];
  const gw = await createTestGateway((dbPath) => {
    const prepared: Partial<AppDeps> = {};
    if (drivers === 'prepared') {
      // One reading connection for sessions and comments, as npm start opens it.
      const reader = sharedReadConnection(dbPath);
      const reads = preparedHotReads(reader);
      const commentReads = preparedCommentReads(reader);
      const batches = preparedBatches(dbPath);
      const markdown = markdownRenderer();
      opened.push(reader, batches, markdown);
      Object.assign(prepared, { reads, commentReads, batches, markdown });
    }
    return { privateSite: entriesSite(), comments: { ...DEFAULT_COMMENTS_CONFIG, holdFirstComment: false, ...config }, ...prepared, ...overrides };
  });
  const close = gw.close;
  gw.close = async () => {
    for (const connection of opened) await connection.close();
    await close();
  };
  return gw;
}

let signups = 0;

export interface TestMember {
  id: string;
  email: string;
  name: string;
  http: ReturnType<typeof client>;
}

/** Signs up a member and sets what the test needs: verified email (default yes), role, a paid plan. */
export async function signUp(
  gw: TestGateway,
  name: string,
  options: { email?: string; role?: Role; verified?: boolean; paid?: boolean; locale?: 'zh-CN' | 'en' } = {},
): Promise<TestMember> {
  const email = options.email ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`;
  const http = client(gw.app);
  const now = Math.floor(gw.clock() / 1000);
  const user = await createUser(gw.db, { email, passwordHash: await passwordHash, name, locale: options.locale ?? 'zh-CN', verified: false }, now);
  if (!user) throw new Error(`${email} is taken`);
  const id = user.id;
  const res = await http.post('/api/auth/login', { email, password: PASSWORD }, { 'x-test-ip': `10.0.${++signups % 250}.${signups >> 8}` });
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  if (options.verified ?? true) await markEmailVerified(gw.db, id, now);
  if (options.role) await setRole(gw.db, id, options.role, now);
  if (options.paid) await grantComp(gw.db, id, 'member', null, now);
  // Sign-up may have sent a verification email; tests look only at what comments send.
  gw.mailer.sent.length = 0;
  return { id, email, name, http };
}

/** Posts a comment and returns the answer's status and body. */
export async function post(who: TestMember | ReturnType<typeof client>, body: Record<string, unknown>) {
  const http = 'http' in who ? who.http : who;
  const res = await http.post('/api/comments', body);
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

/** Lists comments of `path` as `who` sees them. */
export async function list(who: TestMember | ReturnType<typeof client>, path: string, query = '') {
  const http = 'http' in who ? who.http : who;
  const res = await http.get(`/api/comments?path=${encodeURIComponent(path)}${query}`);
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}
