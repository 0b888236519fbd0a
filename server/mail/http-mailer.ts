/**
 * Email over an HTTP mail API, for runtimes without SMTP (Cloudflare Workers): one JSON POST per
 * message in the shape of Resend's `POST /emails` (from, to, subject, text, html, headers) with a
 * bearer key. Web-standard (fetch only). A refused message throws, so the outbox retries it later.
 */
import type { Mailer } from './mailer.ts';

/** Options of the HTTP mail adapter. */
export interface HttpMailerOptions {
  /** The endpoint, e.g. https://api.resend.com/emails. */
  url: string;
  /** The API key, sent as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** The From address, e.g. `Xuetang <hello@example.com>` (a domain the mail service has verified). */
  from: string;
  /** The fetch to use (defaults to the global one). */
  fetch?: typeof fetch;
}

/** Sends each message as one POST; anything but a 2xx answer is an error carrying the service's words. */
export function httpMailer(options: HttpMailerOptions): Mailer {
  if (!/^https?:\/\//.test(options.url)) throw new Error(`httpMailer: url must be an http(s) URL such as https://api.resend.com/emails, not "${options.url}".`);
  if (!options.apiKey) throw new Error('httpMailer: apiKey is empty; set MAIL_API_KEY to the mail service key.');
  const send = options.fetch ?? fetch;
  return {
    async send(message) {
      const response = await send(options.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          from: options.from,
          to: [message.to],
          subject: message.subject,
          text: message.text,
          html: message.html,
          ...(message.headers && Object.keys(message.headers).length ? { headers: message.headers } : {}),
        }),
      });
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      const detail = (await response.text()).slice(0, 300);
      throw new Error(`The mail API answered ${response.status}: ${detail || response.statusText}`);
    },
  };
}
