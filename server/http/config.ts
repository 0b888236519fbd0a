/** Settings derived from the environment that request handlers need. */
export interface AppConfig {
  /** The site's origin, e.g. https://learn.example.com (links in emails, CSRF check). */
  publicUrl: string;
  /** Send cookies with Secure (false only for plain-http localhost). */
  secureCookies: boolean;
  /** Print links and codes of emails to the log (development). */
  development: boolean;
  /** NODE_ENV=production: the demo checkout is refused. */
  production?: boolean;
}
