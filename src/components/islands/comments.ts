/**
 * The comment island under an entry: loads after the page (the static HTML stays the same for
 * everyone and cacheable), then lists threads with their first replies (the rest on demand) and
 * offers what the reader may do: post, reply, ask, edit, delete, like, report, pin, feature,
 * accept. Comment HTML comes sanitised from the gateway; everything else is set as text, never as
 * markup.
 */
import { commentStrings, fill, type CommentStrings } from '../../../core/i18n/comments.ts';
import type { CommentView } from '../../../core/api/comments.ts';
import { h, api, ApiError } from './dom.ts';
import { errorSentence } from './error-sentence.ts';

interface ListAnswer {
  comments: CommentView[];
  nextCursor: string | null;
  count: number;
  viewer: { canWrite: boolean; reason: string | null; banUntil: string | null; banReason: string | null; canAsk: boolean };
}

const reasons = ['spam', 'abuse', 'off_topic', 'other'] as const;

/** Starts the island in `root` (a `[data-comments]` section). */
export function startComments(root: HTMLElement): void {
  const path = root.dataset.path!;
  const locale = root.dataset.locale === 'en' ? 'en' : 'zh-CN';
  const t: CommentStrings = commentStrings[locale];
  const signInHref = root.dataset.signin!;
  const list = h('ol', { class: 'threads' });
  const status = h('p', { class: 'status muted', role: 'status', 'aria-live': 'polite' });
  const alert = h('p', { class: 'alert', role: 'alert', hidden: '' });
  const more = h('button', { class: 'button secondary', type: 'button', hidden: '' }, t.more);
  const count = h('span', { class: 'count muted' });
  const sort = h('select', { 'aria-label': t.sort }, ...(['newest', 'oldest', 'top'] as const).map((s) => h('option', { value: s }, t[s])));
  const composer = h('div', { class: 'composer' });
  let cursor: string | null = null;
  let viewer: ListAnswer['viewer'] | null = null;

  const say = (text: string) => {
    alert.textContent = text;
    alert.hidden = text === '';
  };
  const fail = (error: unknown) => say(errorSentence(error));
  const time = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

  function form(options: { parentId?: string; replyName?: string; initial?: string; onDone: () => void; edit?: string }): HTMLFormElement {
    const text = h('textarea', { name: 'body', rows: '4', required: '', maxlength: '20000', placeholder: options.replyName ? fill(t.replyPlaceholder, { name: options.replyName }) : t.placeholder, 'aria-label': options.replyName ? fill(t.replyTo, { name: options.replyName }) : t.heading }) as HTMLTextAreaElement;
    text.value = options.initial ?? '';
    const ask = h('input', { type: 'checkbox', name: 'question' }) as HTMLInputElement;
    const buttons = h('div', { class: 'row' }, h('button', { class: 'button', type: 'submit' }, options.edit ? t.save : options.parentId ? t.reply : t.post));
    if (options.parentId || options.edit) buttons.append(h('button', { class: 'button secondary', type: 'button', 'data-cancel': '' }, t.cancel));
    const el = h('form', { class: 'comment-form' }, text, !options.parentId && !options.edit ? h('label', { class: 'ask' }, ask, ' ', t.ask) : '', buttons) as HTMLFormElement;
    el.querySelector('[data-cancel]')?.addEventListener('click', () => el.remove());
    el.addEventListener('submit', async (event) => {
      event.preventDefault();
      say('');
      try {
        if (options.edit) await api('PATCH', `/api/comments/${options.edit}`, { body: text.value });
        else {
          const answer = await api<{ held: boolean }>('POST', '/api/comments', { path, body: text.value, parentId: options.parentId, kind: ask.checked ? 'question' : 'comment' });
          if (answer.held) status.textContent = t.held;
        }
        text.value = '';
        options.onDone();
      } catch (error) {
        fail(error);
      }
    });
    return el;
  }

  function actions(c: CommentView, li: HTMLElement): HTMLElement {
    const bar = h('div', { class: 'actions' });
    const add = (label: string, run: () => Promise<unknown> | void, extra: Record<string, string> = {}) => {
      const button = h('button', { type: 'button', class: 'link', ...extra }, label);
      button.addEventListener('click', async () => {
        say('');
        try {
          await run();
        } catch (error) {
          fail(error);
        }
      });
      bar.append(button);
    };
    if (c.status === 'deleted') return bar;
    if (viewer?.canWrite || c.liked) add(`${c.liked ? t.liked : t.like} ${c.likes}`, () => api('POST', `/api/comments/${c.id}/like`).then(reload), { 'aria-pressed': String(c.liked), 'data-like': '' });
    else bar.append(h('span', { class: 'muted' }, `♥ ${c.likes}`));
    if (viewer?.canWrite) add(t.reply, () => openReply(c, li));
    if (c.can.edit) add(t.edit, () => openEdit(c, li));
    if (c.can.delete) add(t.delete, () => (confirm(t.confirmDelete) ? api('DELETE', `/api/comments/${c.id}`).then(reload) : undefined));
    if (c.can.accept) add(c.accepted ? t.unaccept : t.accept, () => api('POST', `/api/comments/${c.id}/accept`).then(reload));
    if (c.can.pin) add(c.pinned ? t.unpin : t.pin, () => api('POST', `/api/comments/${c.id}/pin`).then(reload));
    if (c.can.feature) add(c.featured ? t.unfeature : t.feature, () => api('POST', `/api/comments/${c.id}/feature`).then(reload));
    if (c.can.report) add(t.report, () => openReport(c, li));
    return bar;
  }

  function openReply(c: CommentView, li: HTMLElement) {
    const thread = li.closest<HTMLElement>('li.thread')!;
    thread.querySelector(':scope > .comment-form')?.remove();
    const el = form({ parentId: c.id, replyName: c.author.name, onDone: reload });
    thread.append(el);
    el.querySelector('textarea')!.focus();
  }

  function openEdit(c: CommentView, li: HTMLElement) {
    const body = li.querySelector<HTMLElement>(':scope > .body')!;
    const el = form({ edit: c.id, initial: c.body, onDone: reload });
    body.after(el);
  }

  function openReport(c: CommentView, li: HTMLElement) {
    const labels = t.reasons.split('|');
    const select = h('select', { name: 'reason', 'aria-label': t.reportReason }, ...reasons.map((r, i) => h('option', { value: r }, labels[i]!))) as HTMLSelectElement;
    const note = h('input', { name: 'note', maxlength: '500', placeholder: t.reportNote, 'aria-label': t.reportNote }) as HTMLInputElement;
    const el = h('form', { class: 'report-form row' }, select, note, h('button', { class: 'button secondary', type: 'submit' }, t.report)) as HTMLFormElement;
    el.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api('POST', `/api/comments/${c.id}/report`, { reason: select.value, note: note.value });
        el.replaceWith(h('p', { class: 'muted' }, t.reported));
      } catch (error) {
        fail(error);
      }
    });
    li.querySelector(':scope > .actions')!.after(el);
  }

  function item(c: CommentView): HTMLElement {
    const badges: (string | Node)[] = [];
    const badge = (text: string, cls = '') => badges.push(' ', h('span', { class: `badge ${cls}` }, text));
    if (c.status === 'deleted') {
      return h('li', { class: 'comment deleted', id: `comment-${c.id}` }, h('p', { class: 'muted' }, t.deleted));
    }
    if (c.pinned) badge(t.pinned, 'pinned');
    if (c.featured) badge(t.featured, 'featured');
    if (c.kind === 'question') badge(c.resolved ? `${t.question} · ${t.resolved}` : t.question, 'question');
    if (c.accepted) badge(t.accepted, 'accepted');
    if (c.author.entryAuthor) badge(t.authorBadge, 'author');
    else if (c.author.role === 'moderator' || c.author.role === 'admin') badge(t.modBadge);
    if (c.status === 'held') badge(t.heldBadge, 'held');
    if (c.status === 'hidden') badge(t.hiddenBadge, 'held');
    const meta = h(
      'p',
      { class: 'meta' },
      h('strong', {}, c.author.name),
      ' ',
      h('span', { class: 'muted' }, fill(t.level, { level: c.author.level })),
      ...badges,
      ' · ',
      h('time', { datetime: c.createdAt, class: 'muted' }, time(c.createdAt)),
      c.editedAt ? h('span', { class: 'muted' }, ` · ${t.edited}`) : '',
    );
    const li = h('li', { class: 'comment', id: `comment-${c.id}`, 'data-id': c.id });
    if (c.replyTo && c.replyTo.id !== c.threadId) li.append(h('p', { class: 'quote muted' }, fill(t.replyTo, { name: c.replyTo.name })));
    const body = h('div', { class: 'body' });
    // Sanitised by the gateway (markdown-it without HTML, then sanitize-html): the subset's tags only.
    body.innerHTML = c.html;
    li.append(meta, body);
    li.append(actions(c, li));
    return li;
  }

  /**
   * A page lists each thread with its first few replies; when the thread has more, a button under
   * them fetches the rest from the thread's replies route, after the last one shown (the accepted
   * answer, listed first, may come again: replies already shown are skipped).
   */
  function moreReplies(root: CommentView, replies: HTMLElement, shown: CommentView[]) {
    const ids = new Set(shown.map((r) => r.id));
    const visible = () => shown.filter((r) => r.status === 'visible').length;
    if (visible() >= root.replyCount) return;
    const button = h('button', { class: 'link more-replies', type: 'button', 'data-more-replies': '' }, t.moreReplies);
    button.addEventListener('click', async () => {
      say('');
      const last = shown.filter((r) => !r.accepted).at(-1) ?? shown.at(-1);
      const after = last ? `${Math.floor(Date.parse(last.createdAt) / 1000)}.${last.id}` : '';
      try {
        const answer = await api<{ comments: CommentView[] }>('GET', `/api/comments/${root.id}/replies?after=${encodeURIComponent(after)}`);
        const fresh = answer.comments.filter((r) => !ids.has(r.id));
        for (const r of fresh) {
          ids.add(r.id);
          shown.push(r);
          replies.append(item(r));
        }
        if (fresh.length === 0 || visible() >= root.replyCount) button.remove();
      } catch (error) {
        fail(error);
      }
    });
    replies.after(button);
  }

  function render(answer: ListAnswer, append: boolean) {
    if (!append) list.replaceChildren();
    const threads: [CommentView, HTMLElement, CommentView[]][] = [];
    for (const c of answer.comments) {
      if (c.parentId === null) {
        const thread = item(c);
        thread.classList.add('thread');
        const replies = h('ol', { class: 'replies' });
        thread.append(replies);
        list.append(thread);
        threads.push([c, replies, []]);
      } else {
        const current = threads.at(-1);
        current?.[1].append(item(c));
        current?.[2].push(c);
      }
    }
    for (const [root, replies, shown] of threads) moreReplies(root, replies, shown);
    count.textContent = fill(t.countLabel, { n: answer.count });
    if (!append && answer.comments.length === 0) list.append(h('li', { class: 'muted empty' }, t.empty));
    cursor = answer.nextCursor;
    more.hidden = cursor === null;
  }

  function showComposer() {
    composer.replaceChildren();
    if (!viewer) return;
    if (viewer.canWrite) composer.append(form({ onDone: reload }));
    else if (viewer.reason === 'signin') composer.append(h('p', {}, h('a', { href: signInHref, class: 'button' }, t.signIn)));
    else {
      const message =
        viewer.reason === 'banned'
          ? fill(t.banned, { until: viewer.banUntil ? time(viewer.banUntil) : '', reason: viewer.banReason ?? '' })
          : viewer.reason === 'verify_email'
            ? t.verify
            : viewer.reason === 'members_only'
              ? t.membersOnly
              : viewer.reason === 'off'
                ? t.off
                : t.noAccess;
      composer.append(h('p', { class: 'notice' }, message));
    }
  }

  async function load(append = false) {
    if (append && cursor === null) return;
    const query = new URLSearchParams({ path, sort: (sort as HTMLSelectElement).value });
    if (append && cursor) query.set('cursor', cursor);
    try {
      const answer = await api<ListAnswer>('GET', `/api/comments?${query}`);
      viewer = answer.viewer;
      status.textContent = status.textContent === t.loading ? '' : status.textContent;
      render(answer, append);
      showComposer();
      root.dataset.state = 'ready';
    } catch (error) {
      status.textContent = '';
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        viewer = { canWrite: false, reason: error.status === 401 ? 'signin' : 'no_access', banUntil: null, banReason: null, canAsk: false };
        list.replaceChildren();
        showComposer();
        root.dataset.state = 'ready';
      } else fail(error);
    }
  }
  function reload() {
    return load(false);
  }

  sort.addEventListener('change', () => void reload());
  more.addEventListener('click', () => void load(true));
  const placeholder = root.querySelector('[data-comments-placeholder]');
  status.textContent = t.loading;
  const head = h('div', { class: 'comments-head row' }, count, sort);
  placeholder?.replaceWith(h('div', { class: 'comments-live' }, head, composer, status, alert, list, more));
  void load();
}
