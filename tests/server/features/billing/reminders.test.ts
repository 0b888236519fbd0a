import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grantPass } from '../../../../server/features/billing/purchases.ts';
import { queuePassReminders } from '../../../../server/features/billing/reminders.ts';
import { sendDue } from '../../../../server/features/outbox/outbox.ts';
import { createUser } from '../../../../server/features/accounts/users.ts';
import { loadPlans } from '../../../../server/features/billing/plans-file.ts';
import { createTestGateway, PUBLIC_URL, type TestGateway } from '../../../helpers/gateway.ts';

const NOW = 1_800_000_000;
const DAY = 86400;
let gw: TestGateway;
let plans: Awaited<ReturnType<typeof loadPlans>>;
const run = async (at: number) => {
  const queued = await queuePassReminders(gw.db, plans, PUBLIC_URL, at);
  await sendDue(gw.db, gw.mailer, at);
  return queued;
};

beforeEach(async () => {
  gw = await createTestGateway();
  plans = await loadPlans('content/plans.yaml');
});
afterEach(() => gw.close());

async function memberWithPass(email: string, locale: 'zh-CN' | 'en', days: number) {
  const user = (await createUser(gw.db, { email, passwordHash: null, name: email.split('@')[0]!, locale }, NOW))!;
  await grantPass(gw.db, user.id, 'year-pass', days, `pi_${email}`, NOW);
  return user;
}

describe('pass reminders', () => {
  it('go out once, 7 days before the end, in the member’s language', async () => {
    await memberWithPass('zh@example.com', 'zh-CN', 30);
    await memberWithPass('en@example.com', 'en', 30);
    expect(await run(NOW + 22 * DAY)).toBe(0); // 8 days before: too early
    expect(await run(NOW + 23 * DAY + 1)).toBe(2);
    expect(await run(NOW + 24 * DAY)).toBe(0); // never twice
    expect(gw.mailer.last('zh@example.com').subject).toBe('你的「年度通行证」将在 7 天内到期');
    const en = gw.mailer.last('en@example.com');
    expect(en.subject).toBe('Your Year Pass ends within 7 days');
    expect(en.text).toContain(`${PUBLIC_URL}/en/pricing/`);
    expect(en.html).toContain('Renew');
  });

  it('skip a pass already renewed (a later pass of the same plan exists) and passes already over', async () => {
    const user = await memberWithPass('renewed@example.com', 'en', 30);
    await grantPass(gw.db, user.id, 'year-pass', 365, 'pi_renewal', NOW + 20 * DAY);
    await memberWithPass('over@example.com', 'en', 10);
    expect(await run(NOW + 25 * DAY)).toBe(0);
    expect(gw.mailer.sent.filter((m) => /ends within/.test(m.subject))).toEqual([]);
  });

  it('stay in the outbox while SMTP fails, and go out on a later round, once', async () => {
    await memberWithPass('retry@example.com', 'en', 30);
    const failing = { send: async () => Promise.reject(new Error('SMTP down')) };
    expect(await queuePassReminders(gw.db, plans, PUBLIC_URL, NOW + 24 * DAY)).toBe(1);
    expect(await sendDue(gw.db, failing, NOW + 24 * DAY)).toEqual({ sent: 0, failed: 1 });
    expect(await run(NOW + 24 * DAY + 3600)).toBe(0); // claimed already: not queued again
    expect(gw.mailer.sent.filter((m) => m.to === 'retry@example.com')).toHaveLength(1);
  });

  it('are claimed once even when two processes queue them at the same moment', async () => {
    await memberWithPass('race@example.com', 'en', 30);
    const at = NOW + 24 * DAY;
    await Promise.all([queuePassReminders(gw.db, plans, PUBLIC_URL, at), queuePassReminders(gw.db, plans, PUBLIC_URL, at)]);
    await sendDue(gw.db, gw.mailer, at);
    expect(gw.mailer.sent.filter((m) => m.to === 'race@example.com')).toHaveLength(1);
  });
});
