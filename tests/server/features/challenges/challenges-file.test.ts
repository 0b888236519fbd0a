import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChallengesError, loadChallenges, parseChallenge } from '../../../../server/features/challenges/challenges-file.ts';
import { parseCommunityConfig } from '../../../../server/features/checkins/community-file.ts';

const good = `title: { zh-CN: 七天, en: Seven days }
rules: { zh-CN: 打卡七天。, en: Check in on seven days. }
start: 2026-12-01
end: 2026-12-31
daysRequired: 7
`;

describe('challenge files', () => {
  it('reads a valid file, its id from the file name and unquoted YAML dates as days', () => {
    const c = parseChallenge(good, 'content/challenges/seven-days.yaml');
    expect(c).toMatchObject({ id: 'seven-days', start: '2026-12-01', end: '2026-12-31', daysRequired: 7, access: 'registered' });
  });

  const mistakes: [string, string][] = [
    [good.replace('en: Seven days', 'fr: Sept'), 'title.en: expected the title in English (en)'],
    [good.replace('end: 2026-12-31', 'end: 2026-11-30'), 'end: expected the end date on or after the start date'],
    [good.replace('daysRequired: 7', 'daysRequired: 40'), 'daysRequired: expected no more days required than the challenge lasts'],
    [good.replace('start: 2026-12-01', 'start: 2026-02-30'), 'start: expected the start date as a real date, YYYY-MM-DD'],
    [`${good}access: vip\n`, 'access: expected one of free, registered, members'],
    [`${good}reward: 5\n`, 'reward'],
  ];
  for (const [text, message] of mistakes) {
    it(`names the file and the field: ${message}`, () => {
      let error: unknown;
      try {
        parseChallenge(text, 'content/challenges/x.yaml');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ChallengesError);
      expect((error as Error).message).toContain('content/challenges/x.yaml has mistakes');
      expect((error as Error).message).toContain(message);
    });
  }

  it('refuses a file name that cannot be an id, and loads none from a missing folder', async () => {
    expect(() => parseChallenge(good, 'content/challenges/Seven Days.yaml')).toThrow(/lower-case words and hyphens/);
    expect(await loadChallenges('/nonexistent/challenges')).toEqual([]);
  });

  it('loads every file of a folder, ordered by start date', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xuetang-challenges-'));
    await writeFile(join(dir, 'later.yaml'), good.replace('2026-12-01', '2026-12-10'));
    await writeFile(join(dir, 'sooner.yaml'), good);
    expect((await loadChallenges(dir)).map((c) => c.id)).toEqual(['sooner', 'later']);
    await rm(dir, { recursive: true, force: true });
  });

  it('ships demo challenges that validate', async () => {
    const demo = await loadChallenges('content/challenges');
    expect(demo.length).toBeGreaterThanOrEqual(2);
  });
});

describe('community settings file', () => {
  it('fills in defaults and names the field of a mistake', () => {
    expect(parseCommunityConfig('makeupsPerMonth: 1\n', 'content/community.yaml').makeupsPerMonth).toBe(1);
    expect(() => parseCommunityConfig('points: { checkin: -1 }\n', 'content/community.yaml')).toThrow(/content\/community.yaml has mistakes:\n {2}points.checkin: expected 0 or more points/);
    expect(() => parseCommunityConfig('lessonCompletionChecksIn: maybe\n', 'c.yaml')).toThrow(/lessonCompletionChecksIn: expected true or false/);
  });
});
