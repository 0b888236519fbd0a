import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Client } from '../../../../server/db/client.ts';
import { migrate } from '../../../../server/db/migrate.ts';
import {
  consumeLinkToken,
  consumeLoginCode,
  issueLinkToken,
  issueLoginCode,
  MAX_CODE_ATTEMPTS,
  TOKEN_TTL_SECONDS,
} from '../../../../server/features/accounts/user-tokens.ts';
import { createUser } from '../../../../server/features/accounts/users.ts';

const now = 1_800_000_000;
let dir: string;
let db: Client;
let userId: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xuetang-tokens-'));
  db = await openDatabase(`file:${join(dir, 'test.db')}`);
  await migrate(db);
  userId = (await createUser(db, { email: 'ann@example.com', passwordHash: null, name: 'Ann' }, now))!.id;
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('link tokens', () => {
  it('gives the member id once, then null', async () => {
    const token = await issueLinkToken(db, userId, 'verify_email', now);
    expect(token).toMatch(/^[a-z2-7]{20,64}$/);
    expect(await consumeLinkToken(db, 'verify_email', token, now + 1)).toBe(userId);
    expect(await consumeLinkToken(db, 'verify_email', token, now + 2)).toBeNull();
  });

  it('lets exactly one of two simultaneous uses succeed', async () => {
    const token = await issueLinkToken(db, userId, 'reset_password', now);
    const results = await Promise.all([consumeLinkToken(db, 'reset_password', token, now), consumeLinkToken(db, 'reset_password', token, now)]);
    expect(results.filter((r) => r === userId)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(1);
  });

  it('lets exactly one of two database clients succeed', async () => {
    const other = await openDatabase(`file:${join(dir, 'test.db')}`);
    try {
      const token = await issueLinkToken(db, userId, 'reset_password', now);
      const results = await Promise.all([consumeLinkToken(db, 'reset_password', token, now), consumeLinkToken(other, 'reset_password', token, now)]);
      expect(results.filter((r) => r === userId)).toHaveLength(1);
    } finally {
      other.close();
    }
  });

  it.each(['verify_email', 'reset_password'] as const)('expires a %s token after its lifetime', async (purpose) => {
    const early = await issueLinkToken(db, userId, purpose, now);
    expect(await consumeLinkToken(db, purpose, early, now + TOKEN_TTL_SECONDS[purpose] - 1)).toBe(userId);
    const late = await issueLinkToken(db, userId, purpose, now);
    expect(await consumeLinkToken(db, purpose, late, now + TOKEN_TTL_SECONDS[purpose])).toBeNull();
  });

  it('has the documented lifetimes: 3 days to verify, 1 hour to reset, 10 minutes for a code', () => {
    expect(TOKEN_TTL_SECONDS).toEqual({ verify_email: 3 * 24 * 3600, reset_password: 3600, login_code: 600 });
  });

  it('refuses a token used for another purpose', async () => {
    const token = await issueLinkToken(db, userId, 'verify_email', now);
    expect(await consumeLinkToken(db, 'reset_password', token, now)).toBeNull();
    expect(await consumeLinkToken(db, 'verify_email', token, now)).toBe(userId);
  });

  it('voids the older token of the same purpose, not of another', async () => {
    const verify = await issueLinkToken(db, userId, 'verify_email', now);
    const first = await issueLinkToken(db, userId, 'reset_password', now);
    const second = await issueLinkToken(db, userId, 'reset_password', now);
    expect(await consumeLinkToken(db, 'reset_password', first, now)).toBeNull();
    expect(await consumeLinkToken(db, 'reset_password', second, now)).toBe(userId);
    expect(await consumeLinkToken(db, 'verify_email', verify, now)).toBe(userId);
  });

  it.each(['', 'short', 'UPPERCASE'.repeat(4), `${'a'.repeat(30)}'; --`, 'a'.repeat(65)])('refuses the malformed token %j', async (token) => {
    expect(await consumeLinkToken(db, 'verify_email', token, now)).toBeNull();
  });

  it('stores only a hash of the token', async () => {
    const token = await issueLinkToken(db, userId, 'verify_email', now);
    const rows = (await db.execute('SELECT * FROM user_tokens')).rows;
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe('sign-in codes', () => {
  const other = (code: string) => (code === '000000' ? '111111' : '000000');

  it('is six digits, accepted once', async () => {
    const code = await issueLoginCode(db, userId, now);
    expect(code).toMatch(/^\d{6}$/);
    expect(await consumeLoginCode(db, userId, code, now)).toBe(true);
    expect(await consumeLoginCode(db, userId, code, now)).toBe(false);
  });

  it(`is void after ${MAX_CODE_ATTEMPTS} wrong guesses, and a guess short of that does not void it`, async () => {
    const code = await issueLoginCode(db, userId, now);
    for (let i = 0; i < MAX_CODE_ATTEMPTS - 1; i++) expect(await consumeLoginCode(db, userId, other(code), now)).toBe(false);
    expect(await consumeLoginCode(db, userId, code, now)).toBe(true);
    const next = await issueLoginCode(db, userId, now);
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) await consumeLoginCode(db, userId, other(next), now);
    expect(await consumeLoginCode(db, userId, next, now)).toBe(false);
  });

  it('expires after 10 minutes', async () => {
    const code = await issueLoginCode(db, userId, now);
    expect(await consumeLoginCode(db, userId, code, now + 600)).toBe(false);
  });

  it('belongs to one member', async () => {
    const bob = (await createUser(db, { email: 'bob@example.com', passwordHash: null, name: 'Bob' }, now))!.id;
    const code = await issueLoginCode(db, userId, now);
    expect(await consumeLoginCode(db, bob, code, now)).toBe(false);
    expect(await consumeLoginCode(db, userId, code, now)).toBe(true);
  });

  it('lets exactly one of two simultaneous uses succeed', async () => {
    const code = await issueLoginCode(db, userId, now);
    const results = await Promise.all([consumeLoginCode(db, userId, code, now), consumeLoginCode(db, userId, code, now)]);
    expect(results.sort()).toEqual([false, true]);
  });
});
