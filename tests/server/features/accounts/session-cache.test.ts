import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HotReads } from '../../../../server/features/accounts/hot-reads.ts';
import { preparedHotReads } from '../../../../server/node/prepared-hot-reads.ts';
import { grantComp } from '../../../../server/features/billing/grants.ts';
import { sessionValidator } from '../../../../server/features/accounts/session-cache.ts';
import { createSession, invalidateSession, SESSION_TTL_SECONDS } from '../../../../server/features/accounts/sessions.ts';
import { createUser } from '../../../../server/features/accounts/users.ts';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';

const NOW = 1_800_000_000;
let gw: TestGateway;
let prepared: ReturnType<typeof preparedHotReads>;
let reads: HotReads & { count: number; versions: number };
let token: string;
let userId: string;

beforeEach(async () => {
  gw = await createTestGateway();
  prepared = preparedHotReads(gw.dbPath);
  // Counts the session reads that reach the database.
  reads = {
    count: 0,
    versions: 0,
    sessionWithUser: (id, now) => (reads.count++, prepared.sessionWithUser(id, now)),
    dataVersion: () => (reads.versions++, prepared.dataVersion()),
  };
  userId = (await createUser(gw.db, { email: 'a@example.com', passwordHash: null, name: 'A' }, NOW))!.id;
  ({ token } = await createSession(gw.db, userId, NOW));
});
afterEach(async () => {
  prepared.close();
  await gw.close();
});

// Both ways of knowing the version a session was read at: from its row (the prepared read), or by
// asking just before the read (a store whose rows cannot tell it).
describe.each([
  ['the version in the row', true],
  ['the version asked before the read', false],
])('sessionValidator, %s', (_, versionInRow) => {
  beforeEach(() => {
    reads.versionInRow = versionInRow;
  });

  it('reads a session once while nothing is written, then answers from memory', async () => {
    const validate = sessionValidator(gw.db, reads);
    expect((await validate(token, NOW))?.user.email).toBe('a@example.com');
    expect((await validate(token, NOW + 60))?.user.email).toBe('a@example.com');
    expect((await validate(token, NOW + 120))?.session.userId).toBe(userId);
    expect(reads.count).toBe(1);
  });

  it('stops accepting a session the moment it is ended by another connection', async () => {
    const validate = sessionValidator(gw.db, reads);
    expect(await validate(token, NOW)).not.toBeNull();
    await invalidateSession(gw.db, token.split('.')[0]!);
    expect(await validate(token, NOW)).toBeNull();
  });

  it('sees a new grant at once, and drops a remembered grant when its time is up', async () => {
    const validate = sessionValidator(gw.db, reads);
    expect((await validate(token, NOW))?.grants).toEqual([]);
    await grantComp(gw.db, userId, 'member', NOW + 100, NOW);
    expect((await validate(token, NOW))?.grants.map((g) => g.plan)).toEqual(['member']);
    const reads1 = reads.count;
    expect((await validate(token, NOW + 100))?.grants).toEqual([]);
    expect(reads.count).toBe(reads1);
  });

  it('reads again (and renews) a session in the second half of its life', async () => {
    const validate = sessionValidator(gw.db, reads);
    await validate(token, NOW);
    const later = NOW + SESSION_TTL_SECONDS / 2 + 10;
    const renewed = await validate(token, later);
    expect(renewed?.refreshed).toBe(true);
    expect(renewed?.session.expiresAt).toBe(later + SESSION_TTL_SECONDS);
    expect(reads.count).toBe(2);
  });

  it('refuses a wrong secret even for a remembered session id', async () => {
    const validate = sessionValidator(gw.db, reads);
    await validate(token, NOW);
    expect(await validate(`${token.split('.')[0]}.${'a'.repeat(32)}`, NOW)).toBeNull();
  });

  it('always reads when the store has no change signal (a remote libSQL server)', async () => {
    const plain: HotReads & { count: number } = { count: 0, sessionWithUser: (id, now) => (plain.count++, prepared.sessionWithUser(id, now)) };
    const validate = sessionValidator(gw.db, plain);
    await validate(token, NOW);
    await validate(token, NOW);
    expect(plain.count).toBe(2);
  });

  it('asks for the version separately only when a remembered session may stand in, or the row cannot tell it', async () => {
    const validate = sessionValidator(gw.db, reads);
    await validate(token, NOW);
    expect(reads.versions).toBe(versionInRow ? 0 : 1);
    await validate(token, NOW);
    expect(reads.versions).toBe(versionInRow ? 1 : 2);
    expect(reads.count).toBe(1);
  });

  it('hands on the version the session was read at, which a write made since leaves behind', async () => {
    const validate = sessionValidator(gw.db, reads);
    const first = await validate(token, NOW);
    expect(first?.readVersion?.value).toBe(prepared.dataVersion());
    await grantComp(gw.db, userId, 'member', NOW + 100, NOW);
    const second = await validate(token, NOW);
    expect(second?.readVersion?.value).toBe(prepared.dataVersion());
    expect(second?.readVersion?.value).not.toBe(first?.readVersion?.value);
    expect(reads.count).toBe(2);
  });
});
