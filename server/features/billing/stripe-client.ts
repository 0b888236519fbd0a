import Stripe from 'stripe';

/** The Stripe SDK for this gateway; `apiUrl` sends its calls elsewhere (a local stand-in in tests). */
export function createStripe(secretKey: string, apiUrl?: string): Stripe {
  const target = apiUrl ? new URL(apiUrl) : undefined;
  return new Stripe(secretKey, {
    ...(target
      ? {
          host: target.hostname,
          port: target.port || (target.protocol === 'https:' ? 443 : 80),
          protocol: target.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
    maxNetworkRetries: target ? 0 : 2,
    telemetry: false,
  });
}

export type { Stripe };
