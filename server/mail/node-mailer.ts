import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { randomToken } from '../lib/crypto.ts';
import type { Mailer } from './mailer.ts';

/** Options of the Node mail adapter. */
export interface NodeMailerOptions {
  /** `smtp://user:pass@host:587` (or smtps://); unset writes .eml files to `outbox`. */
  smtpUrl?: string | undefined;
  /** Where .eml files go without SMTP. */
  outbox: string;
  /** The From address. */
  from: string;
  /** Prints the link or code of each message (development only). */
  log?: ((line: string) => void) | undefined;
}

/** Sends through SMTP when configured, otherwise writes each message as an .eml file. */
export function nodeMailer(options: NodeMailerOptions): Mailer {
  const transport = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.headers ? { headers: message.headers } : {}),
      });
      if (!options.smtpUrl) {
        await mkdir(options.outbox, { recursive: true });
        const file = join(options.outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomToken(4)}.eml`);
        await writeFile(file, (info as unknown as { message: Buffer }).message);
        options.log?.(JSON.stringify({ msg: 'email written', to: message.to, subject: message.subject, file, preview: message.preview }));
      }
    },
  };
}
