/**
 * The footer's legal links (terms, privacy, refunds, contact) and the notice on their pages while they
 * are still templates, in both languages. Chinese strings use full-width punctuation.
 */
import type { Locale } from './index.ts';

/** The legal pages, by their path segment under /legal/ (content/legal/<page>.<lang>.md). */
export const legalPages = ['terms', 'privacy', 'refunds', 'contact'] as const;

/** One legal page. */
export type LegalPage = (typeof legalPages)[number];

const zh = {
  terms: '服务条款',
  privacy: '隐私政策',
  refunds: '退款政策',
  contact: '联系我们',
  footerLabel: '条款与联系',
  templateNote: '这是一份模板：本站运营者尚未根据自己的情况修改此页，其中的内容仅供参考。',
};

const en: typeof zh = {
  terms: 'Terms',
  privacy: 'Privacy',
  refunds: 'Refunds',
  contact: 'Contact',
  footerLabel: 'Terms and contact',
  templateNote: 'This is a template: the operator of this site has not yet adapted this page, so treat its text as a placeholder.',
};

/** The legal words of each language. */
export const legalStrings: Record<Locale, typeof zh> = { 'zh-CN': zh, en };
