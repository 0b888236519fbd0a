import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Client } from '../../../../server/db/client.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import { sha256Hex } from '../../../../server/lib/crypto.ts';
import {
  createSession,
  deleteExpiredSessions,
  invalidateSession,
  invalidateUserSessions,
  SESSION_TTL_SECONDS,
  validateSessionToken,
} from '../../../../server/features/accounts/sessions.ts';
import { createUser } from '../../../../server/features/accounts/users.ts';

const now = 1_800_000_000;
const day = 24 * 3600;
let dir: string;
let db: Client;
let userId: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-sessions-'));
  db = await openDatabase(`file:${join(dir, 'test.db')}`);
  await migrate(db);
  userId = (await createUser(db, { email: 'ann@example.com', passwordHash: null, name: 'Ann', locale: 'en', timezone: 'Europe/Berlin' }, now))!.id;
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const rowCount = async () => Number((await db.execute('SELECT count(*) AS n FROM sessions')).rows[0]!.n);

describe('createSession and validateSessionToken', () => {
  it('returns the session and its member for the token, without refreshing a new session', async () => {
    const { token, session } = await createSession(db, userId, now, { ip: '192.0.2.1', userAgent: 'Test' });
    expect(token).toMatch(/^[a-z2-7]+\.[a-z2-7]+$/);
    expect(session).toEqual({ id: token.split('.')[0], userId, createdAt: now, expiresAt: now + SESSION_TTL_SECONDS });
    const found = await validateSessionToken(db, token, now + 60);
    expect(found).toMatchObject({
      refreshed: false,
      session,
      user: { id: userId, email: 'ann@example.com', locale: 'en', timezone: 'Europe/Berlin', emailVerified: false },
    });
  });

  it('stores the SHA-256 of the secret, never the secret', async () => {
    const { token } = await createSession(db, userId, now);
    const secret = token.split('.')[1]!;
    const row = (await db.execute('SELECT hex(secret_hash) AS h FROM sessions')).rows[0]!;
    expect(String(row.h).toLowerCase()).toBe(await sha256Hex(secret));
    expect(JSON.stringify((await db.execute('SELECT * FROM sessions')).rows)).not.toContain(secret);
  });

  it.each([
    ['no dot', (t: string) => t.replace('.', '')],
    ['an extra part', (t: string) => `${t}.x`],
    ['an empty secret', (t: string) => `${t.split('.')[0]}.`],
    ['a wrong secret', (t: string) => `${t.split('.')[0]}.${'a'.repeat(32)}`],
    ['an unknown id', (t: string) => `${'b'.repeat(24)}.${t.split('.')[1]}`],
    ['an overlong secret', (t: string) => `${t.split('.')[0]}.${'a'.repeat(65)}`],
  ])('refuses a token with %s', async (_, tamper) => {
    const { token } = await createSession(db, userId, now);
    expect(await validateSessionToken(db, tamper(token), now)).toBeNull();
    expect(await validateSessionToken(db, token, now)).not.toBeNull();
  });

  it('refuses an expired session and deletes it', async () => {
    const { token } = await createSession(db, userId, now);
    expect(await validateSessionToken(db, token, now + SESSION_TTL_SECONDS)).toBeNull();
    expect(await rowCount()).toBe(0);
  });

  it('extends a session used in the second half of its life, and only then', async () => {
    const { token } = await createSession(db, userId, now);
    expect((await validateSessionToken(db, token, now + 15 * day))!.refreshed).toBe(false);
    const later = now + 15 * day + 1;
    const found = (await validateSessionToken(db, token, later))!;
    expect(found.refreshed).toBe(true);
    expect(found.session.expiresAt).toBe(later + SESSION_TTL_SECONDS);
    expect(await validateSessionToken(db, token, now + SESSION_TTL_SECONDS + day)).not.toBeNull();
  });

  it('reflects the member as they are now, not as they were at sign-in', async () => {
    const { token } = await createSession(db, userId, now);
    await db.execute({ sql: "UPDATE users SET role = 'admin', email_verified_at = ? WHERE id = ?", args: [now, userId] });
    expect((await validateSessionToken(db, token, now))!.user).toMatchObject({ role: 'admin', emailVerified: true });
  });
});

describe('ending sessions', () => {
  it('invalidateSession ends one session', async () => {
    const a = await createSession(db, userId, now);
    const b = await createSession(db, userId, now);
    await invalidateSession(db, a.session.id);
    expect(await validateSessionToken(db, a.token, now)).toBeNull();
    expect(await validateSessionToken(db, b.token, now)).not.toBeNull();
  });

  it('invalidateUserSessions ends all of a member’s sessions, or all but one, and no one else’s', async () => {
    const bob = (await createUser(db, { email: 'bob@example.com', passwordHash: null, name: 'Bob' }, now))!.id;
    const [a, b, c] = [await createSession(db, userId, now), await createSession(db, userId, now), await createSession(db, userId, now)];
    const bobs = await createSession(db, bob, now);
    await invalidateUserSessions(db, userId, a.session.id);
    expect(await validateSessionToken(db, a.token, now)).not.toBeNull();
    expect(await validateSessionToken(db, b.token, now)).toBeNull();
    expect(await validateSessionToken(db, c.token, now)).toBeNull();
    await invalidateUserSessions(db, userId);
    expect(await validateSessionToken(db, a.token, now)).toBeNull();
    expect(await validateSessionToken(db, bobs.token, now)).not.toBeNull();
  });

  it('deleteExpiredSessions removes only expired rows', async () => {
    await createSession(db, userId, now - SESSION_TTL_SECONDS);
    const live = await createSession(db, userId, now);
    expect(await deleteExpiredSessions(db, now)).toBe(1);
    expect(await rowCount()).toBe(1);
    expect(await validateSessionToken(db, live.token, now)).not.toBeNull();
  });
});
