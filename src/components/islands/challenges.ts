/**
 * The challenges page: each challenge's participants and the reader's place (joined, days done,
 * badge), a join button, and its leaderboard with days since each member joined. The titles and
 * rules are in the static HTML; this island adds only what depends on the reader and on others.
 */
import { api, apiErrorText, el, stringsOf } from './api-client.ts';

interface Summary {
  id: string;
  participants: number;
  me: { joined: boolean; daysDone: number; completed: boolean } | null;
  daysRequired: number;
}

function showChallenge(card: HTMLElement, c: Summary, t: ReturnType<typeof stringsOf>): void {
  card.querySelector<HTMLElement>('[data-participants]')!.textContent = t('challenges.participants', { count: c.participants });
  const join = card.querySelector<HTMLButtonElement>('button[data-join]');
  const mine = card.querySelector<HTMLElement>('[data-mine]')!;
  const ended = card.dataset.ended === 'true';
  if (join) join.hidden = !c.me || c.me.joined || ended;
  if (c.me?.joined) {
    mine.replaceChildren(t('challenges.progress', { done: c.me.daysDone, required: c.daysRequired }));
    const bar = el('progress');
    bar.max = c.daysRequired;
    bar.value = c.me.daysDone;
    mine.append(' ', bar);
    if (c.me.completed) mine.append(' ', el('strong', 'badge challenge-badge', t('challenges.badge')));
    mine.hidden = false;
  }
}

async function showLeaderboard(card: HTMLElement, id: string, t: ReturnType<typeof stringsOf>, memberHref: string): Promise<void> {
  const list = card.querySelector<HTMLOListElement>('ol[data-board]')!;
  const { status, body } = await api(`/api/challenges/${id}/leaderboard`);
  if (status !== 200) return;
  list.replaceChildren(
    ...body.entries.map((e: { id: string; name: string; level: number; daysDone: number; daysSinceJoined: number; completed: boolean }) => {
      const li = el('li');
      const who = el('a', '', e.name);
      who.href = `${memberHref}?id=${encodeURIComponent(e.id)}`;
      li.append(
        who,
        ' ',
        el('span', 'badge', t('account.levelShort', { level: e.level })),
        ' ',
        t('challenges.progress', { done: e.daysDone, required: body.challenge.daysRequired }),
        ' · ',
        el('span', 'muted', t('challenges.sinceJoined', { days: e.daysSinceJoined })),
      );
      if (e.completed) li.append(' ', el('span', 'badge challenge-badge', t('challenges.badge')));
      return li;
    }),
  );
}

/** Starts every challenge card under `root`. */
export async function startChallenges(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const memberHref = root.dataset.memberHref ?? '/members/';
  const cards = new Map([...root.querySelectorAll<HTMLElement>('[data-challenge]')].map((card) => [card.dataset.challenge!, card]));
  const { status, body } = await api(`/api/challenges?locale=${root.dataset.locale}`);
  if (status !== 200) return;
  for (const c of body.challenges as Summary[]) {
    const card = cards.get(c.id);
    if (!card) continue;
    showChallenge(card, c, t);
    void showLeaderboard(card, c.id, t, memberHref);
    card.querySelector<HTMLButtonElement>('button[data-join]')?.addEventListener('click', async () => {
      const res = await api(`/api/challenges/${c.id}/join`, { body: {} });
      const status = card.querySelector<HTMLElement>('[data-status]')!;
      if (res.status !== 200) {
        status.textContent = apiErrorText(t, res.body, 'error.unknown');
        return;
      }
      showChallenge(card, res.body.challenge, t);
      void showLeaderboard(card, c.id, t, memberHref);
    });
  }
}
