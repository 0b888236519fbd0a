/**
 * The check-in benchmark's data: `members` members with about `checkins` check-ins spread over the
 * year before today (at most one per member and day), with everything the gateway keeps beside them:
 * the points ledger, day totals, leaderboard windows, earned points and levels, streak states, and
 * sessions for the load client. The rows are generated inside SQLite (members × days filtered by a
 * hash, in key order) with secondary indexes dropped during the load and built once at the end, so
 * 10 million check-ins take a few minutes rather than an hour of single-row inserts.
 * Seeded streak states come from runs of consecutive days (no freezes), which is all the write and
 * read paths need.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { DEFAULT_LEVEL_THRESHOLDS } from '../core/levels.ts';
import { addDays, localDay } from '../core/local-day.ts';
import { loadMigrations } from '../server/db/migrate.ts';
import { calendarKeepFrom } from '../server/features/checkins/streak-store.ts';

export interface SeedOptions {
  file: string;
  members: number;
  checkins: number;
  /** Members given a session for the load client (none of them has checked in today). */
  sessions: number;
  log: (line: string) => void;
}

/** What the driver needs: session cookies and the size actually written. */
export interface SeedResult {
  cookies: string[];
  members: number;
  checkins: number;
  seconds: number;
}

const DAYS = 364;
const SCALE = 1_000_003;

/** Writes the benchmark database; returns session cookies for the load client. */
export async function seedCheckins(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`;
  mkdirSync(dirname(options.file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(options.file + suffix)) rmSync(options.file + suffix);
  // The schema as the gateway's migrations write it, applied on this one connection with no journal
  // (a crash mid-seed just means seeding again); WAL is switched on at the end, as the gateway uses it.
  const db = new Database(options.file);
  db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY');
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  for (const migration of await loadMigrations()) {
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Math.floor(Date.now() / 1000));
  }
  const tables = ['checkins', 'points_awards', 'points_windows', 'checkin_streaks', 'users', 'sessions'];
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(',')})`)
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);

  const now = Math.floor(Date.now() / 1000);
  const zone = 'Asia/Shanghai';
  const today = localDay(now, zone);
  const utcToday = Math.floor(now / 86_400);
  // Helper tables: the days of the year before today (checked in at local noon), and the members
  // with the share of days each checks in on (half to one and a half times the average).
  db.exec('CREATE TEMP TABLE seed_days (d INTEGER PRIMARY KEY, day TEXT NOT NULL, at INTEGER NOT NULL, utc INTEGER NOT NULL)');
  db.exec('CREATE TEMP TABLE seed_members (m INTEGER PRIMARY KEY, id TEXT NOT NULL, threshold INTEGER NOT NULL)');
  const dayRow = db.prepare('INSERT INTO seed_days VALUES (?, ?, ?, ?)');
  const memberRow = db.prepare('INSERT INTO seed_members VALUES (?, ?, ?)');
  db.exec('BEGIN');
  for (let d = 1; d <= DAYS; d++) {
    const day = addDays(today, d - DAYS - 1);
    const at = Date.parse(`${day}T04:00:00Z`) / 1000;
    dayRow.run(d, day, at, Math.floor(at / 86_400));
  }
  const share = Math.min(1, options.checkins / options.members / DAYS);
  for (let m = 0; m < options.members; m++) {
    const spread = 0.5 + ((m * 7919) % 1000) / 1000;
    memberRow.run(m, `u${String(m).padStart(7, '0')}`, Math.round(Math.min(1, share * spread) * SCALE));
  }
  db.exec('COMMIT');
  // A hash of (member, day), as XOR spelled with | and &, since SQLite has no ^.
  const hash = `((((m.m * 73856093) | (d.d * 19349663)) - ((m.m * 73856093) & (d.d * 19349663))) % ${SCALE})`;
  const steps: [string, string][] = [
    [
      'members',
      `INSERT INTO users (id, email, email_verified_at, name, timezone, created_at, updated_at)
       SELECT id, 'member' || m || '@bench.example', ${now}, 'Member ' || m, '${zone}', ${now - 400 * 86_400}, ${now} FROM seed_members`,
    ],
    [
      'check-ins',
      `INSERT INTO checkins (id, user_id, day, kind, source, note, note_html, created_at)
       SELECT printf('c%07d%03d', m.m, d.d), m.id, d.day, 'checkin', 'checkin', '', '', d.at FROM seed_members m CROSS JOIN seed_days d WHERE ${hash} < m.threshold`,
    ],
    [
      'points ledger',
      `INSERT INTO points_awards (id, reason_key, user_id, kind, points, day, created_at)
       SELECT 'a' || substr(id, 2), 'checkin:' || user_id || ':' || day, user_id, 'checkin', 1, created_at / 86400, created_at FROM checkins`,
    ],
    ['day totals', `INSERT INTO points_daily (day, user_id, points) SELECT d.utc, m.id, 1 FROM seed_days d CROSS JOIN seed_members m WHERE ${hash} < m.threshold`],
  ];
  for (const [what, sql] of steps) {
    db.exec('BEGIN');
    db.exec(sql);
    db.exec('COMMIT');
    options.log(`  ${what} written (${elapsed()})`);
  }
  for (const index of indexes) db.exec(index.sql);
  options.log(`  ${indexes.length} indexes built (${elapsed()})`);

  const levels = DEFAULT_LEVEL_THRESHOLDS.map((t, i) => ({ level: i + 1, t }))
    .slice(1)
    .reverse();
  const derived: [string, string][] = [
    [
      'leaderboard windows',
      `INSERT INTO points_windows (period, user_id, points)
         SELECT 'all', user_id, count(*) FROM checkins GROUP BY user_id
         UNION ALL SELECT '30d', user_id, count(*) FROM checkins WHERE created_at / 86400 > ${utcToday - 30} GROUP BY user_id
         UNION ALL SELECT '7d', user_id, count(*) FROM checkins WHERE created_at / 86400 > ${utcToday - 7} GROUP BY user_id`,
    ],
    ['rollover', `INSERT INTO points_rollover (id, day) VALUES (1, ${utcToday})`],
    [
      'points and levels',
      `UPDATE users SET points = coalesce((SELECT points FROM points_windows w WHERE w.period = 'all' AND w.user_id = users.id), 0);
       UPDATE users SET level = CASE ${levels.map((l) => `WHEN points >= ${l.t} THEN ${l.level}`).join(' ')} ELSE 1 END`,
    ],
    [
      'streaks',
      `INSERT INTO checkin_streaks (user_id, current, longest, freezes, last_day, run_days, version, updated_at)
       WITH runs AS (SELECT user_id, day, julianday(day) - row_number() OVER (PARTITION BY user_id ORDER BY day) AS grp FROM checkins),
         islands AS (SELECT user_id, count(*) AS len, max(day) AS last FROM runs GROUP BY user_id, grp),
         ranked AS (SELECT user_id, len, last, max(len) OVER (PARTITION BY user_id) AS longest, row_number() OVER (PARTITION BY user_id ORDER BY last DESC) AS rn FROM islands)
       SELECT user_id, len, longest, 0, last, len % 7, 1, ${now} FROM ranked WHERE rn = 1`,
    ],
    [
      // What every check-in keeps beside the streak (the seed has no make-ups and no freezes).
      'calendars',
      `INSERT INTO checkin_calendars (user_id, days)
       SELECT user_id, json_group_array(day) FROM (SELECT user_id, day FROM checkins WHERE day >= '${calendarKeepFrom(today)}' ORDER BY user_id, day) GROUP BY user_id`,
    ],
  ];
  for (const [what, sql] of derived) {
    db.exec('BEGIN');
    db.exec(sql);
    db.exec('COMMIT');
    options.log(`  ${what} (${elapsed()})`);
  }

  const cookies: string[] = [];
  const session = db.prepare('INSERT INTO sessions (id, user_id, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  db.exec('BEGIN');
  for (let m = 0; m < Math.min(options.sessions, options.members); m++) {
    const sid = randomBytes(12).toString('hex');
    const secret = randomBytes(16).toString('hex');
    session.run(sid, `u${String(m).padStart(7, '0')}`, createHash('sha256').update(secret).digest(), now, now + 30 * 86_400);
    cookies.push(`xt_session=${sid}.${secret}`);
  }
  db.exec('COMMIT');
  db.exec('ANALYZE');
  db.exec('PRAGMA journal_mode = WAL');
  const written = Number((db.prepare('SELECT count(*) AS n FROM checkins').get() as { n: number }).n);
  db.close();
  return { cookies, members: options.members, checkins: written, seconds: (performance.now() - started) / 1000 };
}
