/** The emails about discussions (a reply, an answer), in the member's language, with one-click unsubscribe. */
import type { MailMessage } from './mailer.ts';

type Locale = 'zh-CN' | 'en';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const copy = {
  'zh-CN': {
    greeting: (name: string) => `${name}，你好：`,
    reply: { subject: (actor: string, title: string) => `${actor} 回复了你在「${title}」的评论`, lead: (actor: string) => `${actor} 回复了你：` },
    answer: { subject: (actor: string, title: string) => `${actor} 回答了你在「${title}」的提问`, lead: (actor: string) => `${actor} 回答了你的提问：` },
    action: '查看讨论',
    unsubscribe: (what: string) => `不想再收到${what}邮件？一键退订：`,
    kinds: { replies: '回复提醒', answers: '回答提醒' },
    footer: '学堂 · 同一讨论每小时最多提醒你一次。',
  },
  en: {
    greeting: (name: string) => `Hi ${name},`,
    reply: { subject: (actor: string, title: string) => `${actor} replied to your comment on “${title}”`, lead: (actor: string) => `${actor} replied to you:` },
    answer: {
      subject: (actor: string, title: string) => `${actor} answered your question on “${title}”`,
      lead: (actor: string) => `${actor} answered your question:`,
    },
    action: 'See the discussion',
    unsubscribe: (what: string) => `Don't want ${what} by email? Unsubscribe in one click:`,
    kinds: { replies: 'reply notifications', answers: 'answer notifications' },
    footer: 'Xuetang · At most one email per discussion per hour.',
  },
} as const;

/** What a discussion email says. */
export interface DiscussionEmail {
  kind: 'reply' | 'answer';
  actorName: string;
  title: string;
  /** Plain text of the reply, already shortened. */
  excerpt: string;
  link: string;
  unsubscribeUrl: string;
}

/** A reply or answer email with RFC 8058 List-Unsubscribe headers (the URL answers a one-click POST). */
export function discussionMessage(locale: Locale, to: string, name: string, email: DiscussionEmail): MailMessage {
  const c = copy[locale];
  const words = email.kind === 'reply' ? c.reply : c.answer;
  const what = email.kind === 'reply' ? c.kinds.replies : c.kinds.answers;
  const text = [
    c.greeting(name),
    '',
    words.lead(email.actorName),
    '',
    ...email.excerpt.split('\n').map((line) => `> ${line}`),
    '',
    `${c.action}: ${email.link}`,
    '',
    '—',
    c.unsubscribe(what),
    email.unsubscribeUrl,
    c.footer,
  ].join('\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.6;color:#1d1d1f;max-width:560px;margin:auto;padding:24px"><p>${escape(c.greeting(name))}</p><p>${escape(words.lead(email.actorName))}</p><blockquote style="margin:0;padding:8px 16px;border-left:3px solid #ccc;color:#333">${escape(email.excerpt).replace(/\n/g, '<br>')}</blockquote><p><a href="${escape(email.link)}" style="display:inline-block;background:#0b5cad;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none">${escape(c.action)}</a></p><hr style="border:0;border-top:1px solid #ddd"><p style="font-size:13px;color:#555">${escape(c.unsubscribe(what))} <a href="${escape(email.unsubscribeUrl)}">${escape(email.unsubscribeUrl)}</a></p><p style="font-size:13px;color:#555">${escape(c.footer)}</p></body></html>`;
  return {
    to,
    subject: words.subject(email.actorName, email.title),
    text,
    html,
    preview: email.link,
    headers: { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
