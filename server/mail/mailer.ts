/** What the gateway needs to send email; the Node adapter (SMTP or .eml files) lives beside it. */

/** One email in both forms. `preview` is what a developer needs from it (a link or a code), for logs. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  preview?: string | undefined;
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
  headers?: Record<string, string> | undefined;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
