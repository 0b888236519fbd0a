/**
 * Learning progress in the browser: the lesson page's "mark complete" button (undoable), and on
 * course pages and the catalogue the share done and a "continue where you left off" link. Static
 * pages carry the lesson list; only the member's completions come from /api/progress.
 */
import { api, el, maybeSignedIn, stringsOf } from './api-client.ts';

interface CourseProgress {
  course: string;
  completed: string[];
  lastLesson: string | null;
}

/** The course folder of a lesson or course path. */
export function courseOf(path: string): string | null {
  return /^(?:\/en)?\/courses\/([a-z0-9-]+)\//.exec(path)?.[1] ?? null;
}

async function progress(course?: string): Promise<CourseProgress[] | null> {
  if (!maybeSignedIn()) return null;
  const { status, body } = await api(`/api/progress${course ? `?course=${course}` : ''}`);
  return status === 200 ? (body.courses as CourseProgress[]) : null;
}

/** The lesson page's button: shows and toggles whether this lesson is complete. */
export async function startLessonProgress(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const path = root.dataset.lessonPath!;
  const button = root.querySelector<HTMLButtonElement>('button')!;
  const status = root.querySelector<HTMLElement>('[data-status]');
  const courses = await progress(courseOf(path) ?? undefined);
  if (!courses) return;
  const show = (done: boolean) => {
    button.setAttribute('aria-pressed', String(done));
    button.textContent = done ? t('progress.completed') : t('progress.complete');
  };
  show(courses[0]?.completed.includes(path) ?? false);
  root.hidden = false;
  button.addEventListener('click', async () => {
    const done = button.getAttribute('aria-pressed') === 'true';
    const { status: code, body } = await api('/api/progress/lessons', { method: done ? 'DELETE' : 'POST', body: { lessonPath: path } });
    if (code !== 200) return;
    show(body.completed);
    if (status) status.textContent = body.checkin ? t('progress.checkedIn', { days: body.checkin.streak.current }) : '';
  });
}

/** Summary of one course: "n of m done (p%)" and the lesson to continue with. */
function summarise(lessons: { path: string; title: string }[], mine: CourseProgress | undefined) {
  const done = lessons.filter((l) => mine?.completed.includes(l.path)).length;
  const lastIndex = mine?.lastLesson ? lessons.findIndex((l) => l.path === mine.lastLesson) : -1;
  // The first lesson not done after the last one completed, else the first not done at all.
  const next = lessons.slice(lastIndex + 1).find((l) => !mine?.completed.includes(l.path)) ?? lessons.find((l) => !mine?.completed.includes(l.path));
  return { done, total: lessons.length, percent: lessons.length ? Math.round((done / lessons.length) * 100) : 0, next };
}

/** On a course page: marks completed lessons in the syllabus, shows the share done and "continue". */
export async function startCourseProgress(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const items = [...document.querySelectorAll<HTMLElement>('[data-lesson-path]')];
  const lessons = items.map((li) => ({ path: li.dataset.lessonPath!, title: li.dataset.lessonTitle! }));
  const courses = await progress(root.dataset.course);
  if (!courses) return;
  const mine = courses.find((c) => c.course === root.dataset.course);
  for (const li of items) if (mine?.completed.includes(li.dataset.lessonPath!)) li.classList.add('lesson-done');
  const s = summarise(lessons, mine);
  const summary = el('span', '', t('progress.summary', { done: s.done, total: s.total, percent: s.percent }));
  const bar = el('progress');
  bar.max = 100;
  bar.value = s.percent;
  root.replaceChildren(summary, ' ', bar);
  if (s.next && s.done > 0) {
    const go = el('a', 'button continue', t('progress.continue', { title: s.next.title }));
    go.href = s.next.path;
    root.append(' ', go);
  }
  root.hidden = false;
}

/** On the catalogue and the account page: each course card's share done. */
export async function startCatalogueProgress(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const courses = await progress();
  if (!courses) return;
  for (const slot of root.querySelectorAll<HTMLElement>('[data-course-progress-of]')) {
    const mine = courses.find((c) => c.course === slot.dataset.courseProgressOf);
    const total = Number(slot.dataset.total ?? 0);
    if (!mine || mine.completed.length === 0) continue;
    const done = Math.min(total, mine.completed.length);
    slot.textContent = t('progress.summary', { done, total, percent: total ? Math.round((done / total) * 100) : 0 });
    slot.hidden = false;
  }
}

/** The account page's level and points, with what the next level needs. */
export async function startAccountPoints(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  if (!maybeSignedIn()) return;
  const { status, body } = await api('/api/points/me');
  if (status !== 200) return;
  const line = root.querySelector<HTMLElement>('[data-points]')!;
  line.textContent = t('account.pointsLevel', { points: body.earned, level: body.level });
  if (body.toNext !== null) line.append(' · ', t('account.toNext', { points: body.toNext }));
}

/** The account page's courses in progress, each with a link back to the last lesson completed. */
export async function startAccountProgress(root: HTMLElement): Promise<void> {
  const t = stringsOf(root);
  const courses = await progress();
  if (!courses) return;
  const list = root.querySelector<HTMLElement>('[data-list]')!;
  for (const c of courses.filter((c) => c.completed.length > 0)) {
    const li = el('li');
    const link = el('a', '', t('progress.continue', { title: c.course }));
    link.href = c.lastLesson ? c.lastLesson.replace(/[^/]+\/$/, '') : '/';
    li.append(link, ' ', el('span', 'muted', `✓ ${c.completed.length}`));
    list.append(li);
  }
  root.querySelector<HTMLElement>('[data-none]')!.hidden = list.children.length > 0;
}
