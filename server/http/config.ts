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
  /**
   * Without Stripe keys, whether the demo checkout (free grants, clearly labelled) runs. Defaults to
   * true only when `publicUrl` is a loopback address: a public site never gives plans away by accident.
   */
  demoCheckout?: boolean;
}

/** The request handlers' settings from the environment's, the same on Node and on the edge. */
export function appConfigFrom(env: { PUBLIC_URL: string; NODE_ENV?: string | undefined; DEMO_CHECKOUT?: boolean | undefined }): AppConfig {
  return {
    publicUrl: env.PUBLIC_URL,
    secureCookies: env.PUBLIC_URL.startsWith('https:'),
    development: env.NODE_ENV !== 'production',
    production: env.NODE_ENV === 'production',
    demoCheckout: env.DEMO_CHECKOUT,
  };
}

/** True when `url`'s host is this machine (localhost, 127.x.x.x, [::1]). */
export function isLoopbackUrl(url: string): boolean {
  const host = URL.parse(url)?.hostname ?? '';
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}

/**
 * The origins a browser on this machine may use for `publicUrl`: itself, and when it is a loopback
 * URL also `localhost`, `127.0.0.1` and `[::1]` with the same scheme and port (a newcomer opens the
 * address the server prints). A public URL has only itself: nothing else passes the CSRF check.
 */
export function siteOrigins(publicUrl: string): readonly string[] {
  const url = new URL(publicUrl);
  if (!isLoopbackUrl(publicUrl)) return [url.origin];
  const port = url.port ? `:${url.port}` : '';
  const spellings = ['localhost', '127.0.0.1', '[::1]'].map((host) => `${url.protocol}//${host}${port}`);
  return [url.origin, ...spellings.filter((origin) => origin !== url.origin)];
}

/** Whether this site runs the demo checkout: no Stripe, not production, and loopback or asked for. */
export function demoCheckoutOn(config: AppConfig, hasStripe: boolean): boolean {
  if (hasStripe || config.production) return false;
  return config.demoCheckout ?? isLoopbackUrl(config.publicUrl);
}
