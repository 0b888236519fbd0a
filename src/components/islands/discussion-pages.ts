/**
 * The bell in the header and the pages around discussions: notifications, featured discussions,
 * the moderation queue (with bans and the audit log) and an author's open questions. Each fills
 * a static page from the API in the browser; text is set as text, comment HTML comes sanitised.
 */
import { commentStrings, fill, type CommentStrings } from '../../../core/i18n/comments.ts';
import { api, h } from './dom.ts';
import { errorSentence } from './error-sentence.ts';

const stringsOf = (root: HTMLElement): CommentStrings => commentStrings[root.dataset.locale === 'en' ? 'en' : 'zh-CN'];
const signedIn = () => /(^|;\s*)xt_member=/.test(document.cookie);
const time = (iso: string, locale: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** The bell: shows the unread count for signed-in members (asks only when the member cookie says there is a session). */
export async function startBell(link: HTMLAnchorElement): Promise<void> {
  const t = stringsOf(link);
  if (!signedIn()) return;
  const answer = await api<{ unread: number }>('GET', '/api/notifications/count').catch(() => null);
  if (!answer) return;
  link.hidden = false;
  const badge = link.querySelector<HTMLElement>('[data-bell-count]')!;
  badge.textContent = answer.unread > 0 ? String(answer.unread) : '';
  badge.hidden = answer.unread === 0;
  link.setAttribute('aria-label', answer.unread > 0 ? fill(t.bellUnread, { n: answer.unread }) : t.bell);
}

interface Notification {
  id: string;
  kind: 'reply' | 'answer' | 'accepted' | 'mention' | 'moderation';
  commentId: string | null;
  path: string | null;
  title: string | null;
  actorName: string;
  detail: string;
  createdAt: string;
  read: boolean;
}

/** The notifications page: newest first, links to the comment, mark all read. */
export async function startNotifications(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const locale = root.dataset.locale!;
  const list = root.querySelector<HTMLElement>('[data-list]')!;
  const markAll = root.querySelector<HTMLButtonElement>('[data-mark-all]')!;
  const kinds = { reply: t.kindReply, answer: t.kindAnswer, accepted: t.kindAccepted, mention: t.kindMention, moderation: t.kindModeration };
  async function load() {
    const answer = await api<{ notifications: Notification[]; unread: number }>('GET', '/api/notifications').catch(() => null);
    if (!answer) {
      list.replaceChildren(h('li', {}, t.signInNeeded));
      return;
    }
    list.replaceChildren(
      ...answer.notifications.map((n) => {
        const text = fill(kinds[n.kind], { actor: n.actorName, detail: n.detail });
        const where = n.path ? h('a', { href: `${n.path}#comment-${n.commentId}` }, fill(t.inEntry, { title: n.title ?? '' })) : n.kind === 'moderation' ? '' : h('span', { class: 'muted' }, t.goneEntry);
        return h('li', { class: n.read ? 'read' : 'unread', 'data-notification': n.id }, h('span', {}, text), ' ', where, ' ', h('time', { class: 'muted', datetime: n.createdAt }, time(n.createdAt, locale)));
      }),
    );
    if (answer.notifications.length === 0) list.append(h('li', { class: 'muted' }, t.noNotifications));
    markAll.hidden = answer.unread === 0;
  }
  markAll.addEventListener('click', async () => {
    await api('POST', '/api/notifications/read', { all: true });
    await load();
    const bell = document.querySelector<HTMLAnchorElement>('a[data-bell]');
    if (bell) await startBell(bell);
  });
  await load();
}

/** The featured discussions of the page's language. */
export async function startFeatured(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const locale = root.dataset.locale!;
  const list = root.querySelector<HTMLElement>('[data-list]')!;
  const answer = await api<{ featured: { id: string; path: string; title: string; html: string; author: { name: string }; featuredAt: string }[] }>('GET', `/api/comments/featured?lang=${locale}`);
  list.replaceChildren(
    ...answer.featured.map((f) => {
      const body = h('div', { class: 'body' });
      body.innerHTML = f.html;
      return h('li', { class: 'featured' }, h('p', { class: 'meta' }, h('strong', {}, f.author.name), ' · ', h('a', { href: `${f.path}#comment-${f.id}` }, fill(t.inEntry, { title: f.title }))), body);
    }),
  );
  if (answer.featured.length === 0) list.append(h('li', { class: 'muted' }, t.noFeatured));
}

interface QueueItem {
  id: string;
  path: string;
  title: string;
  status: string;
  statusReason: string | null;
  html: string;
  author: { id: string | null; name: string };
  reportCount: number;
  reports: { reason: string; note: string }[];
}

/** The moderation queue: act on each item with a reason; ban its author; the audit log for admins. */
export async function startModeration(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const locale = root.dataset.locale!;
  const list = root.querySelector<HTMLElement>('[data-list]')!;
  const log = root.querySelector<HTMLElement>('[data-log]')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const reasonLabel = { first_comment: t.reasonFirst, word_list: t.reasonWords, reports: t.reasonReports } as Record<string, string>;
  async function load() {
    const answer = await api<{ items: QueueItem[] }>('GET', '/api/moderation/queue').catch((error) => {
      status.textContent = errorSentence(error);
      return null;
    });
    if (!answer) return;
    list.replaceChildren(...answer.items.map(item));
    if (answer.items.length === 0) list.append(h('li', { class: 'muted' }, t.queueEmpty));
    const entries = await api<{ entries: { action: string; actorName: string; reason: string; excerpt: string; createdAt: string }[] }>('GET', '/api/moderation/log').catch(() => null);
    log.hidden = !entries;
    if (entries)
      log.querySelector('ol')!.replaceChildren(
        ...entries.entries.map((e) => h('li', { 'data-log-entry': e.action }, `${time(e.createdAt, locale)} · ${e.actorName} · ${e.action}${e.reason ? ` · ${e.reason}` : ''}${e.excerpt ? ` · “${e.excerpt.slice(0, 80)}”` : ''}`)),
      );
  }
  function item(q: QueueItem): HTMLElement {
    const body = h('div', { class: 'body' });
    body.innerHTML = q.html;
    const reason = h('input', { name: 'reason', placeholder: t.modReason, 'aria-label': t.modReason, maxlength: '500' }) as HTMLInputElement;
    const buttons = h('div', { class: 'row' }, reason);
    const act = (action: string, label: string) => {
      const button = h('button', { type: 'button', class: 'button secondary', 'data-action': action }, label);
      button.addEventListener('click', async () => {
        const done = await api('POST', `/api/moderation/comments/${q.id}`, { action, reason: reason.value }).then(
          () => true,
          (error: unknown) => {
            status.textContent = errorSentence(error);
            return false;
          },
        );
        if (done) await load();
      });
      buttons.append(button);
    };
    if (q.status === 'held') act('approve', t.approve);
    if (q.status === 'hidden') act('restore', t.restore);
    if (q.status === 'visible') act('hide', t.hide);
    if (q.status !== 'held') act('dismiss', t.dismiss);
    act('delete', t.delete);
    const until = h('input', { type: 'date', name: 'until', 'aria-label': t.banUntil }) as HTMLInputElement;
    const banReason = h('input', { name: 'banReason', placeholder: t.banReason, 'aria-label': t.banReason, maxlength: '500' }) as HTMLInputElement;
    const ban = h('form', { class: 'row ban' }, until, banReason, h('button', { type: 'submit', class: 'button secondary' }, t.ban)) as HTMLFormElement;
    ban.addEventListener('submit', async (event) => {
      event.preventDefault();
      await api('POST', '/api/moderation/bans', { userId: q.author.id, until: until.value, reason: banReason.value }).then(
        () => (status.textContent = `${t.ban}: ${q.author.name}`),
        (error) => (status.textContent = errorSentence(error)),
      );
      await load();
    });
    const why = [q.statusReason ? reasonLabel[q.statusReason] ?? q.statusReason : '', q.reportCount ? fill(t.reportsCount, { n: q.reportCount }) : ''].filter(Boolean).join(' · ');
    const notes = q.reports.map((r) => `${r.reason}${r.note ? `: ${r.note}` : ''}`).join('; ');
    return h(
      'li',
      { class: 'queue-item', 'data-queue-item': q.id },
      h('p', { class: 'meta' }, h('strong', {}, q.author.name), ' · ', h('a', { href: `${q.path}#comments` }, q.title), ' · ', h('span', { class: 'muted' }, why)),
      body,
      notes ? h('p', { class: 'muted' }, notes) : '',
      buttons,
      q.author.id ? ban : '',
    );
  }
  await load();
}

/** An author's open questions across their entries, oldest first, with the wait. */
export async function startOpenQuestions(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const list = root.querySelector<HTMLElement>('[data-list]')!;
  const answer = await api<{ questions: { id: string; path: string; title: string; html: string; author: { name: string }; waitingSeconds: number }[]; authorIds: string[] }>('GET', '/api/comments/questions/mine').catch(() => null);
  if (!answer || answer.authorIds.length === 0) return;
  root.hidden = false;
  const wait = (s: number) => (s < 3600 ? `${Math.max(1, Math.round(s / 60))} min` : s < 172800 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86400)} d`);
  list.replaceChildren(
    ...answer.questions.map((q) => {
      const body = h('div', { class: 'body' });
      body.innerHTML = q.html;
      return h('li', {}, h('p', { class: 'meta' }, h('a', { href: `${q.path}#comment-${q.id}` }, q.title), ' · ', q.author.name, ' · ', h('span', { class: 'muted' }, fill(t.waiting, { time: wait(q.waitingSeconds) }))), body);
    }),
  );
  if (answer.questions.length === 0) list.append(h('li', { class: 'muted' }, t.noQuestions));
}
