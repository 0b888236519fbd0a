import type { AppDeps, BillingDeps } from '../app.ts';
import type { HotReads } from '../features/accounts/hot-reads.ts';
import type { sessionValidator } from '../features/accounts/session-cache.ts';
import type { Session, SessionGrant, SessionUser } from '../features/accounts/sessions.ts';

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

/** Hono's environment type for the gateway: what every handler finds in `c.var`. */
export interface AppEnv {
  Variables: {
    deps: AppDeps & { reads: HotReads; billing: BillingDeps; validateSession: ReturnType<typeof sessionValidator> };
    config: AppConfig;
    requestId: string;
    /** True once this request set or cleared a cookie (responses built by hand must then merge it). */
    cookiesChanged?: boolean;
    /** The security headers every response carries (CSP and friends). */
    securityHeaders: Readonly<Record<string, string>>;
    auth: { session: Session; user: SessionUser; grants: SessionGrant[] } | null;
  };
}
