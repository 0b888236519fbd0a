import type { GatewayDeps } from '../deps.ts';
import type { AppConfig } from './config.ts';
import type { Session, SessionGrant, SessionUser } from '../features/accounts/sessions.ts';
import type { ReadVersion } from '../features/accounts/session-cache.ts';

/** Hono's environment type for the gateway: what every handler finds in `c.var`. */
export interface AppEnv {
  Variables: {
    deps: GatewayDeps;
    config: AppConfig;
    requestId: string;
    /** True once this request set or cleared a cookie (responses built by hand must then merge it). */
    cookiesChanged?: boolean;
    /** The security headers every response carries (CSP and friends). */
    securityHeaders: Readonly<Record<string, string>>;
    auth: { session: Session; user: SessionUser; grants: SessionGrant[] } | null;
    /** The data version this request's session was read at (see accounts/session-cache.ts), when the reads tell one. */
    readVersion?: ReadVersion | undefined;
  };
}

export type { AppConfig };
