/** The emails Xuetang sends, in both languages, as plain text and HTML. */
import type { MailMessage } from './mailer.ts';

import type { Locale } from '../../core/i18n/index.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const copy = {
  'zh-CN': {
    greeting: (name: string) => `${name}，你好：`,
    footer: '学堂 · 如果这封邮件与你无关，忽略它即可。',
    verify: { subject: '请验证你的邮箱', body: '欢迎加入学堂！点击下面的链接验证邮箱（3 天内有效）：', action: '验证邮箱' },
    code: { subject: (code: string) => `你的登录验证码：${code}`, body: '你的学堂登录验证码是下面 6 位数字，10 分钟内有效，只能使用一次：' },
    reset: {
      subject: '重设你的学堂密码',
      body: '有人请求重设你的密码。若是你本人，请在 1 小时内点击下面的链接设置新密码（只能使用一次）：',
      action: '重设密码',
    },
    changed: { subject: '你的学堂密码已修改', body: '你的密码刚刚被修改，其他设备上的登录已全部退出。如果这不是你本人操作，请立即通过“忘记密码”重设。' },
    signup: {
      subject: (code: string) => `欢迎加入学堂，你的验证码：${code}`,
      body: '欢迎加入学堂！在注册页面输入下面 6 位验证码即可完成注册并登录（10 分钟内有效，只能使用一次）。输入验证码也就验证了你的邮箱。',
    },
    noAccount: {
      subject: '有人用你的邮箱请求登录学堂',
      body: '有人用这个邮箱地址请求了学堂的登录验证码或密码重设，但这个地址还没有注册学堂账号。如果是你本人，可以用下面的链接注册；如果不是，忽略这封邮件即可。',
      action: '注册学堂账号',
    },
    passEnding: {
      subject: (plan: string) => `你的「${plan}」将在 7 天内到期`,
      body: (plan: string, date: string) => `你的「${plan}」将于 ${date} 到期。现在续期，新的时长会从到期日起叠加，不会浪费剩余的天数。`,
      action: '续期',
    },
  },
  en: {
    greeting: (name: string) => `Hi ${name},`,
    footer: 'Xuetang · If this email was not meant for you, you can ignore it.',
    verify: {
      subject: 'Please verify your email',
      body: 'Welcome to Xuetang! Open the link below to verify your email (valid for 3 days):',
      action: 'Verify email',
    },
    code: { subject: (code: string) => `Your sign-in code: ${code}`, body: 'Your Xuetang sign-in code is below. It works once, for 10 minutes:' },
    reset: {
      subject: 'Reset your Xuetang password',
      body: 'Someone asked to reset your password. If it was you, open the link below within an hour to choose a new one (it works once):',
      action: 'Reset password',
    },
    changed: {
      subject: 'Your Xuetang password was changed',
      body: 'Your password was just changed and every other device was signed out. If this was not you, reset it now with "Forgot password".',
    },
    signup: {
      subject: (code: string) => `Welcome to Xuetang: your code is ${code}`,
      body: 'Welcome to Xuetang! Enter the 6-digit code below on the sign-up page to finish and sign in. It works once, for 10 minutes, and it also verifies your email.',
    },
    noAccount: {
      subject: 'Someone asked to sign in to Xuetang with your email',
      body: 'Someone asked for a Xuetang sign-in code or password reset for this address, but it has no Xuetang account. If it was you, you can sign up with the link below; if not, you can ignore this email.',
      action: 'Create a Xuetang account',
    },
    passEnding: {
      subject: (plan: string) => `Your ${plan} ends within 7 days`,
      body: (plan: string, date: string) => `Your ${plan} ends on ${date}. Renew now and the new term starts when this one ends, so no day is lost.`,
      action: 'Renew',
    },
  },
} as const;

function compose(
  locale: Locale,
  to: string,
  name: string,
  subject: string,
  body: string,
  highlight: { link?: string; action?: string; code?: string },
): MailMessage {
  const c = copy[locale];
  const textLines = [c.greeting(name), '', body, ''];
  if (highlight.code) textLines.push(`    ${highlight.code}`, '');
  if (highlight.link) textLines.push(highlight.link, '');
  textLines.push('—', c.footer);
  const button = highlight.link
    ? `<p><a href="${escape(highlight.link)}" style="display:inline-block;background:#0b5cad;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none">${escape(highlight.action ?? highlight.link)}</a></p><p style="font-size:13px;color:#555">${escape(highlight.link)}</p>`
    : '';
  const code = highlight.code ? `<p style="font-size:28px;letter-spacing:6px;font-weight:700">${escape(highlight.code)}</p>` : '';
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.6;color:#1d1d1f;max-width:560px;margin:auto;padding:24px"><p>${escape(c.greeting(name))}</p><p>${escape(body)}</p>${code}${button}<hr style="border:0;border-top:1px solid #ddd"><p style="font-size:13px;color:#555">${escape(c.footer)}</p></body></html>`;
  return { to, subject, text: textLines.join('\n'), html, preview: highlight.link ?? highlight.code };
}

export function verifyEmailMessage(locale: Locale, to: string, name: string, link: string): MailMessage {
  const c = copy[locale].verify;
  return compose(locale, to, name, c.subject, c.body, { link, action: c.action });
}

export function loginCodeMessage(locale: Locale, to: string, name: string, code: string): MailMessage {
  const c = copy[locale].code;
  return compose(locale, to, name, c.subject(code), c.body, { code });
}

export function resetPasswordMessage(locale: Locale, to: string, name: string, link: string): MailMessage {
  const c = copy[locale].reset;
  return compose(locale, to, name, c.subject, c.body, { link, action: c.action });
}

export function passwordChangedMessage(locale: Locale, to: string, name: string): MailMessage {
  const c = copy[locale].changed;
  return compose(locale, to, name, c.subject, c.body, {});
}

/** The reminder a week before a pass ends. `plan` is the plan's name in the member's language. */
export function passEndingMessage(locale: Locale, to: string, name: string, plan: string, endsAt: Date, link: string): MailMessage {
  const c = copy[locale].passEnding;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(endsAt);
  return compose(locale, to, name, c.subject(plan), c.body(plan, date), { link, action: c.action });
}

/** The code that finishes a sign-up: reading it signs the new member in and verifies their email. */
export function signupCodeMessage(locale: Locale, to: string, name: string, code: string): MailMessage {
  const c = copy[locale].signup;
  return compose(locale, to, name, c.subject(code), c.body, { code });
}

/** The answer to a code or reset request for an address without an account, so both cases do the same work. */
export function noAccountMessage(locale: Locale, to: string, signupLink: string): MailMessage {
  const c = copy[locale].noAccount;
  return compose(locale, to, to.split('@')[0] ?? to, c.subject, c.body, { link: signupLink, action: c.action });
}
