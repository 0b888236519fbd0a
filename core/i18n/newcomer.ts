/**
 * The words of a newcomer's first steps in both languages: the sign-up's "check your inbox", the
 * verify-email page for a signed-in reader, and the authors' preview (`npm run dev`). Kept apart
 * from the site dictionaries so these pages change without touching them. Chinese strings use
 * full-width punctuation.
 */
import type { Locale } from './index.ts';

const zh = {
  checkInbox: '请查收邮件。',
  headerUnverified: '邮箱未验证',
  verifySignedIn: '你已登录，账号邮箱是 {email}。',
  verifyConfirmed: '这个邮箱已经确认，不需要再做什么。',
  verifyPending: '这个邮箱还没有确认：请点击确认邮件里的链接，或重新发送一封。',
  verifySignedOut: '登录后可以查看邮箱的确认状态，并重新发送确认邮件。',
  previewMembersOnly: '仅会员可见',
  previewMembersOnlyNote: '你正在作者预览（npm run dev）中，所以能看到这部分；正式站点只向有权限的会员显示。',
  searchNotBuilt: '预览中没有搜索：搜索索引由 npm run build 生成，构建后用 npm start 打开站点即可搜索。',
};

const en: typeof zh = {
  checkInbox: 'Check your inbox.',
  headerUnverified: 'Email not verified',
  verifySignedIn: 'You are signed in as {email}.',
  verifyConfirmed: 'This address is confirmed: nothing more to do.',
  verifyPending: 'This address is not confirmed yet: open the link in the confirmation email, or send a new one.',
  verifySignedOut: 'Sign in to see whether your address is confirmed and to send the confirmation email again.',
  previewMembersOnly: 'Members only',
  previewMembersOnlyNote: 'You see this part because this is the authors’ preview (npm run dev); the real site shows it only to members who may read it.',
  searchNotBuilt: 'Search is not part of the preview: its index is made by npm run build; after a build, npm start serves the site with search.',
};

/** One set of newcomer words. */
export type NewcomerStrings = typeof zh;

/** The newcomer words of each language. */
export const newcomerStrings: Record<Locale, NewcomerStrings> = { 'zh-CN': zh, en };
