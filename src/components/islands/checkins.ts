/**
 * The check-in page and the account section: today's check-in form, the streak with its freezes,
 * the make-up offer, the year's heatmap, the community feed with likes, and the leaderboards. The
 * HTML is the same for everyone; all of this is filled in here from /api/checkins and /api/points.
 */
import { api, apiErrorText, el, maybeSignedIn, stringsOf } from './api-client.ts';
import { calendarOutcomes } from '../../../core/calendar.ts';
import { renderHeatmap } from './heatmap.ts';

type T = ReturnType<typeof stringsOf>;

interface Mine {
  streak: { current: number; longest: number };
  today: string;
  days: string[];
  madeUp: string[];
  frozen: string[];
  checkedInToday: boolean;
  freezes: number;
  makeup: { available: boolean; cost: number; used: number; perMonth: number; balance: number };
}

/** Fills the streak summary, freezes, make-up button and heatmap of `root` from the member's data. */
function showMine(root: HTMLElement, t: T, mine: Mine): void {
  const streak = root.querySelector<HTMLElement>('[data-streak]');
  if (streak) {
    streak.replaceChildren(el('strong', 'streak-count', t('checkin.streak', { days: mine.streak.current })), ' · ', t('checkin.longest', { days: mine.streak.longest }));
    streak.hidden = false;
  }
  const freezes = root.querySelector<HTMLElement>('[data-freezes]');
  if (freezes) {
    freezes.textContent = t('checkin.freezes', { count: mine.freezes });
    freezes.title = t('checkin.freezesHelp');
    freezes.hidden = false;
  }
  const form = root.querySelector<HTMLFormElement>('form[data-checkin-form]');
  const done = root.querySelector<HTMLElement>('[data-checked-in]');
  if (form) form.hidden = mine.checkedInToday;
  if (done) done.hidden = !mine.checkedInToday;
  const makeup = root.querySelector<HTMLButtonElement>('button[data-makeup]');
  if (makeup) {
    makeup.textContent = t('checkin.makeup', { cost: mine.makeup.cost });
    makeup.hidden = !mine.makeup.available;
    const left = root.querySelector<HTMLElement>('[data-makeup-left]');
    if (left) {
      left.textContent = t('checkin.makeupLeft', { used: mine.makeup.used, perMonth: mine.makeup.perMonth, balance: mine.makeup.balance });
      left.hidden = !mine.makeup.available;
    }
  }
  const heatmap = root.querySelector<HTMLElement>('[data-heatmap]');
  if (heatmap) {
    renderHeatmap(heatmap, { today: mine.today, days: mine.days, outcomes: calendarOutcomes(mine) }, (o) => t(o === 'none' ? 'checkin.heatmap' : `checkin.outcome.${o}`), t('checkin.heatmapSummary', { count: mine.days.length }));
  }
}

async function refreshMine(root: HTMLElement, t: T): Promise<boolean> {
  const { status, body } = await api<Mine>('/api/checkins/me');
  if (status !== 200) return false;
  showMine(root, t, body);
  return true;
}

/** Starts the check-in widget in `root` (form, streak, make-up, heatmap); shows the sign-in link when signed out. */
export async function startCheckinWidget(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const signIn = root.querySelector<HTMLElement>('[data-signin]');
  const status = root.querySelector<HTMLElement>('[data-status]');
  const signedIn = maybeSignedIn() && (await refreshMine(root, t).catch(() => false));
  if (!signedIn) {
    if (signIn) signIn.hidden = false;
    root.querySelector<HTMLFormElement>('form[data-checkin-form]')?.setAttribute('hidden', '');
    return;
  }
  root.dataset.ready = 'true';
  const form = root.querySelector<HTMLFormElement>('form[data-checkin-form]');
  form?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const note = String(data.get('note') ?? '').trim();
    const lessonPath = String(data.get('lessonPath') ?? '').trim();
    const { status: code, body } = await api('/api/checkins', { body: { ...(note ? { note } : {}), ...(lessonPath ? { lessonPath } : {}) } });
    // The line above already says "checked in today"; this one says what the click did.
    if (status) status.textContent = code === 201 ? t('checkin.saved') : code === 200 ? t('checkin.already') : apiErrorText(t, body, 'checkin.error');
    if (code === 201 || code === 200) {
      await refreshMine(root, t);
      document.dispatchEvent(new CustomEvent('xt:checked-in'));
    }
  });
  root.querySelector<HTMLButtonElement>('button[data-makeup]')?.addEventListener('click', async () => {
    const { status: code, body } = await api('/api/checkins/makeup', { body: {} });
    if (status) status.textContent = code === 201 ? t('checkin.outcome.made_up') : apiErrorText(t, body, 'checkin.error');
    await refreshMine(root, t);
  });
}

interface FeedItem {
  id: string;
  day: string;
  source: string;
  noteHtml?: string;
  noteLocked?: boolean;
  lessonPath: string | null;
  likes: number;
  likedByMe: boolean;
  author: { id: string; name: string; level: number };
}

function feedEntry(item: FeedItem, t: T, memberHref: string): HTMLLIElement {
  const li = el('li', 'feed-item');
  li.dataset.checkinId = item.id;
  const head = el('p', 'feed-head');
  const who = el('a', 'feed-author', item.author.name);
  who.href = `${memberHref}?id=${encodeURIComponent(item.author.id)}`;
  head.append(who, ' ', el('span', 'badge', t('account.levelShort', { level: item.author.level })), ' ', el('span', 'muted', item.day));
  if (item.source === 'lesson') head.append(' · ', el('span', 'muted', t('checkin.viaLesson')));
  li.append(head);
  if (item.noteLocked) li.append(el('p', 'muted feed-locked', t('checkin.locked')));
  else if (item.noteHtml) {
    const note = el('div', 'feed-note');
    // Rendered by the gateway from the member's Markdown and sanitised there (server/lib/markdown.ts).
    note.innerHTML = item.noteHtml;
    li.append(note);
  }
  if (item.lessonPath) {
    const lesson = el('a', 'feed-lesson muted', item.lessonPath);
    lesson.href = item.lessonPath;
    li.append(lesson);
  }
  const like = el('button', 'like-button', `${t('checkin.like')} ${item.likes}`);
  like.type = 'button';
  like.setAttribute('aria-pressed', String(item.likedByMe));
  like.addEventListener('click', async () => {
    const liked = like.getAttribute('aria-pressed') !== 'true';
    const { status, body } = await api(`/api/checkins/${item.id}/like`, { method: liked ? 'POST' : 'DELETE' });
    if (status !== 200) return;
    like.setAttribute('aria-pressed', String(body.liked));
    like.textContent = `${t('checkin.like')} ${body.likes}`;
  });
  li.append(like);
  return li;
}

/** Starts the community feed in `root`: newest check-ins, a page at a time, with likes. */
export async function startFeed(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const list = root.querySelector<HTMLOListElement>('ol')!;
  const more = root.querySelector<HTMLButtonElement>('button[data-more]')!;
  const memberHref = root.dataset.memberHref ?? '/members/';
  let cursor: string | null = null;
  async function load(reset = false) {
    const { status, body } = await api(`/api/checkins/feed?limit=20${cursor && !reset ? `&before=${encodeURIComponent(cursor)}` : ''}`);
    if (status !== 200) return;
    if (reset) list.replaceChildren();
    for (const item of body.items as FeedItem[]) list.append(feedEntry(item, t, memberHref));
    cursor = body.nextCursor;
    more.hidden = !cursor;
    const empty = root.querySelector<HTMLElement>('[data-empty]');
    if (empty) empty.hidden = list.children.length > 0;
  }
  more.addEventListener('click', () => void load());
  document.addEventListener('xt:checked-in', () => void load(true));
  await load(true);
}

/** Starts the leaderboard tabs in `root` (7 days, 30 days, all time). */
export async function startLeaderboard(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const list = root.querySelector<HTMLOListElement>('ol')!;
  const me = root.querySelector<HTMLElement>('[data-me]');
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('button[data-period]')];
  const memberHref = root.dataset.memberHref ?? '/members/';
  async function show(period: string) {
    for (const tab of tabs) tab.setAttribute('aria-pressed', String(tab.dataset.period === period));
    const { status, body } = await api(`/api/points/leaderboard?period=${period}&limit=20`);
    if (status !== 200) return;
    list.replaceChildren(
      ...body.entries.map((e: { rank: number; id: string; name: string; level: number; points: number }) => {
        const li = el('li');
        const who = el('a', '', e.name);
        who.href = `${memberHref}?id=${encodeURIComponent(e.id)}`;
        li.append(who, ' ', el('span', 'badge', t('account.levelShort', { level: e.level })), ' ', el('span', 'muted', t('leaderboard.points', { points: e.points })));
        return li;
      }),
    );
    if (body.entries.length === 0) list.append(el('li', 'muted', t('leaderboard.empty')));
    if (me) {
      me.hidden = !body.me?.rank;
      if (body.me?.rank) me.textContent = t('leaderboard.me', body.me);
    }
  }
  for (const tab of tabs) tab.addEventListener('click', () => void show(tab.dataset.period!));
  await show('7d');
}

/** A member's public heatmap and streak on the member page (`?id=`). */
export async function startMemberPage(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const id = new URLSearchParams(location.search).get('id');
  const missing = root.querySelector<HTMLElement>('[data-missing]')!;
  if (!id) {
    missing.hidden = false;
    return;
  }
  const { status, body } = await api(`/api/checkins/member/${encodeURIComponent(id)}`);
  if (status !== 200) {
    missing.hidden = false;
    return;
  }
  root.querySelector<HTMLElement>('[data-name]')!.textContent = body.member.name;
  root.querySelector<HTMLElement>('[data-level]')!.textContent = t('account.levelShort', { level: body.member.level });
  const streak = root.querySelector<HTMLElement>('[data-streak]')!;
  streak.textContent = `${t('checkin.streak', { days: body.streak.current })} · ${t('checkin.longest', { days: body.streak.longest })}`;
  const today = new Date().toISOString().slice(0, 10);
  renderHeatmap(root.querySelector<HTMLElement>('[data-heatmap]')!, { today: body.days.at(-1) > today ? body.days.at(-1) : today, days: body.days }, (o) => t(o === 'none' ? 'checkin.heatmap' : `checkin.outcome.${o}`), t('checkin.heatmapSummary', { count: body.days.length }));
  root.querySelector<HTMLElement>('[data-found]')!.hidden = false;
}
