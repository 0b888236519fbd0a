import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanUp } from '../../server/jobs.ts';
import { hitRateLimit } from '../../server/http/rate-limit-store.ts';
import { createSession, SESSION_TTL_SECONDS } from '../../server/features/accounts/sessions.ts';
import { issueLinkToken } from '../../server/features/accounts/user-tokens.ts';
import { createUser } from '../../server/features/accounts/users.ts';
import { createTestGateway, type TestGateway } from '../helpers/gateway.ts';

const NOW = 1_800_000_000;
let gw: TestGateway;
beforeEach(async () => {
  gw = await createTestGateway();
});
afterEach(() => gw.close());

const count = async (table: string) => Number((await gw.db.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

describe('cleanUp', () => {
  it('removes expired sessions, expired tokens and old rate-limit counters, and keeps live ones', async () => {
    const user = (await createUser(gw.db, { email: 'h@example.com', passwordHash: null, name: 'H' }, NOW))!;
    await createSession(gw.db, user.id, NOW);
    await createSession(gw.db, user.id, NOW + SESSION_TTL_SECONDS);
    await issueLinkToken(gw.db, user.id, 'reset_password', NOW);
    await issueLinkToken(gw.db, user.id, 'verify_email', NOW + SESSION_TTL_SECONDS);
    await hitRateLimit(gw.db, 'old', { limit: 5, windowSeconds: 3600 }, NOW);
    await hitRateLimit(gw.db, 'fresh', { limit: 5, windowSeconds: 3600 }, NOW + SESSION_TTL_SECONDS);

    expect(await cleanUp(gw.db, NOW + SESSION_TTL_SECONDS + 1)).toEqual({ sessions: 1, tokens: 1 });
    expect(await count('sessions')).toBe(1);
    expect(await count('user_tokens')).toBe(1);
    expect((await gw.db.execute('SELECT key FROM rate_limits')).rows.map((r) => r.key)).toEqual(['fresh']);
  });
});
