import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientHotReads } from '../../../../server/features/accounts/hot-reads.ts';
import { preparedHotReads } from '../../../../server/node/prepared-hot-reads.ts';
import { grantComp, revokePlan } from '../../../../server/features/billing/grants.ts';
import { createSession, invalidateSession } from '../../../../server/features/accounts/sessions.ts';
import { createUser } from '../../../../server/features/accounts/users.ts';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';

let gw: TestGateway;
let prepared: ReturnType<typeof preparedHotReads>;
const NOW = 1_800_000_000;

beforeEach(async () => {
  gw = await createTestGateway();
  prepared = preparedHotReads(gw.dbPath);
});
afterEach(async () => {
  prepared.close();
  await gw.close();
});

/**
 * Rows from both drivers compared as plain values (one gives Buffers, the other ArrayBuffers; the
 * driver adds timing metadata; the prepared read adds the data version it read at, checked apart).
 */
const plain = (row: Record<string, unknown> | undefined) =>
  row &&
  Object.fromEntries(
    Object.entries(row)
      .filter(([k]) => k !== '_metadata' && k !== 'data_version')
      .map(([k, v]) => [k, v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? Buffer.from(v as ArrayBuffer).toString('hex') : v]),
  );

describe('prepared hot reads', () => {
  it('answer exactly what the client answers, and see writes made through the client at once', async () => {
    const client = clientHotReads(gw.db);
    const user = (await createUser(gw.db, { email: 'a@example.com', passwordHash: null, name: 'A' }, NOW))!;
    const { session } = await createSession(gw.db, user.id, NOW);
    expect(plain(await prepared.sessionWithUser(session.id, NOW))).toEqual(plain(await client.sessionWithUser(session.id, NOW)));
    expect((await prepared.sessionWithUser(session.id, NOW))?.email).toBe('a@example.com');
    const grants = async (now: number) =>
      (JSON.parse(String((await prepared.sessionWithUser(session.id, now))!.grants_json)) as unknown[][]).map((g) => g[0]).sort();
    expect(await grants(NOW)).toEqual([]);

    await grantComp(gw.db, user.id, 'member', NOW + 100, NOW);
    await grantComp(gw.db, user.id, 'reader', null, NOW);
    expect(plain(await prepared.sessionWithUser(session.id, NOW))).toEqual(plain(await client.sessionWithUser(session.id, NOW)));
    expect(await grants(NOW)).toEqual(['member', 'reader']);
    expect(await grants(NOW + 100)).toEqual(['reader']);

    // The row tells the version it was read at: the connection's counter, moved on by a write.
    const before = (await prepared.sessionWithUser(session.id, NOW))!.data_version;
    expect(before).toBe(prepared.dataVersion());
    await revokePlan(gw.db, user.id, 'reader', NOW);
    expect((await prepared.sessionWithUser(session.id, NOW))!.data_version).toBe(prepared.dataVersion());
    expect(prepared.dataVersion()).not.toBe(before);
    expect(await grants(NOW)).toEqual(['member']);
    await invalidateSession(gw.db, session.id);
    expect(await prepared.sessionWithUser(session.id, NOW)).toBeUndefined();
  });
});
