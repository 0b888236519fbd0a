/** The props of every entry page, shared by the public routes and the members' copies. */
import { getArticles, getCourses, getLessons, type Article, type Course, type Lesson } from './entries.ts';

export interface LessonProps {
  course: Course;
  lesson: Lesson;
  previous: Lesson | undefined;
  next: Lesson | undefined;
  position: number;
}

/** Every live lesson with its neighbours. */
export async function lessonPagesProps(): Promise<LessonProps[]> {
  const out: LessonProps[] = [];
  for (const course of await getCourses()) {
    const lessons = await getLessons(course);
    lessons.forEach((lesson, i) => out.push({ course, lesson, previous: lessons[i - 1], next: lessons[i + 1], position: i + 1 }));
  }
  return out;
}

/** Every live case study and guide. */
export async function articlePagesProps(): Promise<Article[]> {
  return [...(await getArticles('cases')), ...(await getArticles('guides'))];
}
