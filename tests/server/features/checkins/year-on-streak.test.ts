/**
 * The heatmap's year kept beside the streak (migrations 0015 and 0016): whatever mix of check-ins,
 * missed days, freezes, make-ups and operator check-ins a member has, `GET /api/checkins/me` shows
 * the same days as a scan of the tables would, and the calendar row keeps only about a year.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Client } from '../../../../server/db/client.ts';
import { addDays, localDay } from '../../../../core/local-day.ts';
import { DEFAULT_COMMUNITY_CONFIG } from '../../../../core/community-config.ts';
import { loadMigrations, migrate } from '../../../../server/db/migrate.ts';
import { operatorCheckin } from '../../../../server/features/checkins/operator.ts';
import { calendarKeepFrom, HEATMAP_DAYS } from '../../../../server/features/checkins/streak-store.ts';
import { award } from '../../../../server/features/points/points.ts';
import { signedInMember, type Member } from '../../../helpers/checkins.ts';
import { fakeSites } from '../../../helpers/fake-site.ts';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';

const DAY = 86_400;
const ZONE = 'Asia/Shanghai';
let gw: TestGateway;

beforeEach(async () => {
  gw = await createTestGateway(fakeSites(['/courses/launch/intro/']));
});
afterEach(() => gw.close());

/** A small seeded random source, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
}

/** What a scan of the tables says the member's year holds, from `from` on. */
async function scanned(m: Member, from: string) {
  const column = async (sql: string) => (await gw.db.execute({ sql, args: [m.id, from] })).rows.map((r) => String(r.day));
  return {
    days: await column('SELECT day FROM checkins WHERE user_id = ? AND day >= ? ORDER BY day'),
    madeUp: await column("SELECT day FROM checkins WHERE user_id = ? AND kind = 'makeup' AND day >= ? ORDER BY day"),
    frozen: await column('SELECT day FROM checkin_frozen_days WHERE user_id = ? AND day >= ? ORDER BY day'),
  };
}

async function stored(m: Member, db: Client = gw.db): Promise<string[][]> {
  const row = (await db.execute({ sql: 'SELECT days, makeups, frozen FROM checkin_calendars WHERE user_id = ?', args: [m.id] })).rows[0]!;
  return [row.days, row.makeups, row.frozen].map((v) => JSON.parse(String(v)) as string[]);
}

const STREAK_COLUMNS = 'user_id, current, longest, freezes, last_day, run_days, version, updated_at';

/** Copies the rows `select` finds in `from` into the same columns of `table` in `to`. */
async function copyRows(from: Client, to: Client, table: string, select: { sql: string; args: string[] }) {
  const result = await from.execute(select);
  for (const row of result.rows) {
    const values = result.columns.map((c) => row[c] as string | number | null);
    await to.execute({ sql: `INSERT INTO ${table} (${result.columns.join(', ')}) VALUES (${values.map(() => '?').join(', ')})`, args: values });
  }
}

describe('the year beside the streak', () => {
  it('matches a scan of the check-ins, make-ups and frozen days over 16 months of random days', async () => {
    const m = await signedInMember(gw, 'year@example.com', ZONE);
    const next = random(20261202);
    const settings = { community: DEFAULT_COMMUNITY_CONFIG, challenges: [] };
    let made = 0;
    for (let d = 0; d < 480; d++) {
      const roll = next();
      if (roll < 0.62) {
        const res = await m.request('/api/checkins', { body: {} });
        expect([200, 201]).toContain(res.status);
      }
      else if (roll < 0.7) {
        // Yesterday bought back, when the rules allow it (a refusal writes nothing).
        await award(gw.db, m.id, 'comment', `comment:gift-${d}`, 5);
        if ((await m.request('/api/checkins/makeup', { body: {} })).status === 201) made++;
      } else if (roll < 0.72) {
        // An operator records a day up to three weeks back.
        const today = localDay(Math.floor(gw.clock() / 1000), ZONE);
        const day = addDays(today, -Math.floor(next() * 21));
        await operatorCheckin(gw.db, { userId: m.id, timezone: ZONE, day, operator: 'ops@example.com' }, Math.floor(gw.clock() / 1000), settings);
      }
      gw.clock.advance(DAY);
      if (d % 60 === 59 || d === 479) {
        const mine = await (await m.request('/api/checkins/me')).json();
        const from = addDays(mine.today, -(HEATMAP_DAYS - 1));
        const scan = await scanned(m, from);
        expect(mine.days).toEqual(scan.days);
        // Another member looks at m's page: its heatmap is read from the same row.
        const visitor = await signedInMember(gw, `visitor-${d}@example.com`, ZONE);
        const page = await (await visitor.request(`/api/checkins/member/${m.id}`)).json();
        expect(page.days).toEqual(scan.days);
        expect(page.streak).toEqual(mine.streak);
        expect(mine.madeUp).toEqual(scan.madeUp);
        // Shown frozen: the stored ones, and the days today's check-in would bridge with a held freeze.
        expect(mine.frozen.slice(0, scan.frozen.length)).toEqual(scan.frozen);
        expect(mine.frozen.length - scan.frozen.length).toBe(mine.freezesPending);
      }
    }
    // The random walk met every kind of day.
    expect(made).toBeGreaterThan(0);
    const all = await scanned(m, '0000-00-00');
    expect(all.frozen.length).toBeGreaterThan(0);
    expect(all.days.length).toBeGreaterThan(HEATMAP_DAYS / 2);
    // The row keeps about a year, not the whole history: each list spans at most a year and its
    // margin back from its latest day (plus the day a make-up of yesterday appends after today).
    for (const days of await stored(m)) {
      const latest = [...days].sort().at(-1);
      if (latest) for (const day of days) expect(day >= calendarKeepFrom(addDays(latest, -1))).toBe(true);
      expect(new Set(days).size).toBe(days.length);
    }
    expect((await stored(m))[0]!.length).toBeLessThan(all.days.length);
  });

  it('is filled from the stored check-ins, then moved off the streak row, when an existing database is migrated', async () => {
    const m = await signedInMember(gw, 'old@example.com', ZONE);
    // Eight days in a row (a freeze earned), one missed (frozen), two more.
    for (let d = 0; d < 12; d++) {
      if (d !== 8) await m.request('/api/checkins', { body: {} });
      gw.clock.advance(DAY);
    }
    const before = await stored(m);
    const streakBefore = (await gw.db.execute({ sql: `SELECT ${STREAK_COLUMNS} FROM checkin_streaks WHERE user_id = ?`, args: [m.id] })).rows[0];
    // A database written before 0015: its schema up to 0014, holding the same member's rows.
    const dir = await mkdtemp(join(tmpdir(), 'xuetang-year-'));
    const old = await openDatabase(`file:${join(dir, 'old.db')}`);
    try {
      const migrations = await loadMigrations();
      await migrate(old, migrations.filter((x) => x.version < 15));
      const mine = { args: [m.id] };
      await copyRows(gw.db, old, 'users', { sql: 'SELECT * FROM users WHERE id = ?', ...mine });
      await copyRows(gw.db, old, 'checkins', { sql: 'SELECT * FROM checkins WHERE user_id = ?', ...mine });
      await copyRows(gw.db, old, 'checkin_frozen_days', { sql: 'SELECT * FROM checkin_frozen_days WHERE user_id = ?', ...mine });
      await copyRows(gw.db, old, 'checkin_streaks', { sql: `SELECT ${STREAK_COLUMNS} FROM checkin_streaks WHERE user_id = ?`, ...mine });
      // 0015 fills the year counting back from the real today; here from the test clock's.
      const clockDate = new Date(gw.clock()).toISOString().slice(0, 10);
      const on = (x: (typeof migrations)[number]) => ({ ...x, sql: x.sql.replaceAll("date('now',", `date('${clockDate}',`) });
      expect(await migrate(old, migrations.filter((x) => x.version <= 15).map(on))).toEqual([15]);
      // 0016 and whatever follows: the year moves to its own table, the streak row keeps its values.
      expect(await migrate(old)).toEqual(migrations.filter((x) => x.version > 15).map((x) => x.version));
      const after = await stored(m, old);
      expect(after.map((a) => [...a].sort())).toEqual(before.map((b) => [...b].sort()));
      expect(after[0]!.length).toBe(11);
      expect(after[2]!.length).toBeGreaterThan(0);
      expect((await old.execute({ sql: `SELECT ${STREAK_COLUMNS} FROM checkin_streaks WHERE user_id = ?`, args: [m.id] })).rows[0]).toEqual(streakBefore);
      const columns = (await old.execute("SELECT name FROM pragma_table_info('checkin_streaks')")).rows.map((r) => r.name);
      expect(columns).toEqual(STREAK_COLUMNS.split(', '));
    } finally {
      old.close();
      await rm(dir, { recursive: true, force: true });
    }
    // The shipped migrations apply in order on an empty file.
    expect(await migrate(gw.db)).toEqual([]);
  });

  it('forgets a frozen day once an operator records it as checked in', async () => {
    const m = await signedInMember(gw, 'ops@example.com', ZONE);
    for (let d = 0; d < 11; d++) {
      if (d !== 8) await m.request('/api/checkins', { body: {} });
      gw.clock.advance(DAY);
    }
    const before = await (await m.request('/api/checkins/me')).json();
    expect(before.frozen).toHaveLength(1);
    const [frozenDay] = before.frozen;
    const settings = { community: DEFAULT_COMMUNITY_CONFIG, challenges: [] };
    await operatorCheckin(gw.db, { userId: m.id, timezone: ZONE, day: frozenDay, operator: 'ops@example.com' }, Math.floor(gw.clock() / 1000), settings);
    const after = await (await m.request('/api/checkins/me')).json();
    expect(after.frozen).toEqual([]);
    expect(after.days).toContain(frozenDay);
    expect(after.days).toEqual(await scanned(m, after.days[0]).then((x) => x.days));
  });
});
