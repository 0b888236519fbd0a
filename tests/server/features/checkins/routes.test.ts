import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../../../helpers/gateway.ts';
import { signedInMember } from '../../../helpers/checkins.ts';
import { calendarOutcomes } from '../../../../core/calendar.ts';

const HOUR = 3600;
let gw: TestGateway;
beforeEach(async () => {
  // 2026-11-26 08:00 UTC = 16:00 in Shanghai.
  gw = await createTestGateway();
});
afterEach(() => gw.close());

describe('POST /api/checkins', () => {
  it('checks in once per local day: 201 first, 200 with the same check-in after', async () => {
    const m = await signedInMember(gw, 'a@example.com');
    const first = await m.request('/api/checkins', { body: { note: '今天学了 **索引**' } });
    expect(first.status).toBe(201);
    const one = await first.json();
    expect(one.streak).toEqual({ current: 1, longest: 1 });
    expect(one.checkin).toMatchObject({ day: '2026-11-26', kind: 'checkin', note: '今天学了 **索引**', noteHtml: '<p>今天学了 <strong>索引</strong></p>' });
    const again = await m.request('/api/checkins', { body: { note: 'again' } });
    expect(again.status).toBe(200);
    const two = await again.json();
    expect(two.checkin.id).toBe(one.checkin.id);
    expect(two.created).toBe(false);
    const rows = await gw.db.execute('SELECT count(*) AS n FROM checkins');
    expect(Number(rows.rows[0]!.n)).toBe(1);
  });

  it('counts days in the member’s time zone, not UTC', async () => {
    // 15:30 UTC is 23:30 in Shanghai; 16:30 UTC is already the next day there.
    gw.clock.advance(7.5 * HOUR);
    const m = await signedInMember(gw, 'tz@example.com', 'Asia/Shanghai');
    expect((await (await m.request('/api/checkins', { body: {} })).json()).checkin.day).toBe('2026-11-26');
    gw.clock.advance(HOUR);
    const next = await (await m.request('/api/checkins', { body: {} })).json();
    expect(next.checkin.day).toBe('2026-11-27');
    expect(next.streak).toEqual({ current: 2, longest: 2 });
  });

  it('pays the check-in points once per day and shows them on /api/me', async () => {
    const m = await signedInMember(gw, 'p@example.com');
    await m.request('/api/checkins', { body: {} });
    await m.request('/api/checkins', { body: {} });
    const me = await (await m.request('/api/me')).json();
    expect(me.user.points).toBe(1);
    expect(me.streak).toEqual({ current: 1, longest: 1 });
  });

  it('refuses a signed-out reader and a note that is too long', async () => {
    const res = await gw.app.request('http://localhost:4321/api/checkins', {
      method: 'POST',
      headers: { origin: 'http://localhost:4321', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    const m = await signedInMember(gw, 'long@example.com');
    const long = await m.request('/api/checkins', { body: { note: 'x'.repeat(2001) } });
    expect(long.status).toBe(400);
    expect((await long.json()).error.fields.note).toMatch(/2000/);
  });

  it('never renders raw HTML from a note', async () => {
    const m = await signedInMember(gw, 'x@example.com');
    const body = await (await m.request('/api/checkins', { body: { note: '<img src=x onerror=alert(1)> [a](javascript:alert(1))' } })).json();
    expect(body.checkin.noteHtml).not.toMatch(/<img|<a /);
  });
});

describe('GET /api/checkins/me and /api/me streaks', () => {
  it('shows the streak, the heatmap days and each day’s outcome, with freezes', async () => {
    const m = await signedInMember(gw, 'daily@example.com');
    // Seven days in a row earn a freeze.
    for (let i = 0; i < 7; i++) {
      await m.request('/api/checkins', { body: {} });
      gw.clock.advance(24 * HOUR);
    }
    // Miss one day (2026-12-03), check in the day after: the freeze keeps the streak.
    gw.clock.advance(24 * HOUR);
    const res = await (await m.request('/api/checkins', { body: {} })).json();
    expect(res.streak).toEqual({ current: 8, longest: 8 });
    const mine = await (await m.request('/api/checkins/me')).json();
    expect(mine.streak).toEqual({ current: 8, longest: 8 });
    expect(mine.days).toHaveLength(8);
    expect(mine.days[0]).toBe('2026-11-26');
    expect(mine.freezes).toBe(0);
    expect(mine.frozen).toEqual(['2026-12-03']);
    expect(calendarOutcomes(mine)).toContainEqual({ day: '2026-12-03', outcome: 'frozen' });
    expect(calendarOutcomes(mine)).toContainEqual({ day: '2026-12-04', outcome: 'checked_in' });
    expect(mine.checkedInToday).toBe(true);
    expect((await (await m.request('/api/me')).json()).streak).toEqual({ current: 8, longest: 8 });
  });

  it('drops the current streak once days are missed without freezes, keeping the longest', async () => {
    const m = await signedInMember(gw, 'lapse@example.com');
    await m.request('/api/checkins', { body: {} });
    gw.clock.advance(24 * HOUR);
    await m.request('/api/checkins', { body: {} });
    gw.clock.advance(3 * 24 * HOUR);
    const mine = await (await m.request('/api/checkins/me')).json();
    expect(mine.streak).toEqual({ current: 0, longest: 2 });
    expect(calendarOutcomes(mine).filter((o) => o.outcome === 'missed')).toHaveLength(2);
    expect((await (await m.request('/api/me')).json()).streak).toEqual({ current: 0, longest: 2 });
  });
});
