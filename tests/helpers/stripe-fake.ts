/**
 * A small local stand-in for the Stripe endpoints Xuetang calls — the one fake the project allows.
 * The real `stripe` SDK talks to it over HTTP (form-encoded bodies, as with Stripe). Tests set the
 * state Stripe would hold (sessions paid, subscriptions renewed, charges refunded) and send signed
 * webhook events; the gateway re-reads that state from here.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, any>;

/** Parses Stripe's form encoding (`a[b][0][c]=x`) into nested objects and arrays. */
export function parseForm(body: string): Json {
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: any = out;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1]!);
      if (last) node[part] = value;
      else node = node[part] ??= nextIsIndex ? [] : {};
    });
  }
  return out;
}

async function read(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

export interface StripeFake {
  url: string;
  /** Every request: method, path and parsed form body. */
  requests: { method: string; path: string; body: Json }[];
  prices: Map<string, Json>;
  customers: Map<string, Json>;
  sessions: Map<string, Json>;
  subscriptions: Map<string, Json>;
  paymentIntents: Map<string, Json>;
  close(): Promise<void>;
}

export async function startStripeFake(lookupKeys: string[]): Promise<StripeFake> {
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}_${(++counter).toString().padStart(6, '0')}`;
  const fake: Omit<StripeFake, 'url' | 'close'> = {
    requests: [],
    prices: new Map(lookupKeys.map((key) => [key, { id: `price_${key}`, object: 'price', lookup_key: key, active: true }])),
    customers: new Map(),
    sessions: new Map(),
    subscriptions: new Map(),
    paymentIntents: new Map(),
  };
  const send = (res: import('node:http').ServerResponse, status: number, body: Json) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': nextId('req') });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: import('node:http').ServerResponse, what: string) =>
    send(res, 404, { error: { type: 'invalid_request_error', message: `No such ${what}` } });

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://stripe.test');
    const body = parseForm(req.method === 'GET' ? url.search.slice(1) : await read(req));
    fake.requests.push({ method: req.method!, path: url.pathname, body });
    const [, , resource, id] = url.pathname.split('/');
    if (req.method === 'GET' && url.pathname === '/v1/prices') {
      const keys: string[] = body.lookup_keys ?? [];
      return send(res, 200, { object: 'list', data: keys.map((k) => fake.prices.get(k)).filter(Boolean), has_more: false });
    }
    if (req.method === 'POST' && url.pathname === '/v1/customers') {
      const customer = { id: nextId('cus'), object: 'customer', ...body };
      fake.customers.set(customer.id, customer);
      return send(res, 200, customer);
    }
    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      const id = nextId('cs');
      const session = {
        id,
        object: 'checkout.session',
        url: `https://checkout.stripe.test/${id}`,
        payment_status: 'unpaid',
        status: 'open',
        payment_intent: null,
        subscription: null,
        ...body,
      };
      fake.sessions.set(id, session);
      return send(res, 200, session);
    }
    if (req.method === 'POST' && url.pathname === '/v1/billing_portal/sessions') {
      return send(res, 200, { id: nextId('bps'), object: 'billing_portal.session', url: `https://billing.stripe.test/${body.customer}`, ...body });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/v1/checkout/sessions/')) {
      const session = fake.sessions.get(url.pathname.split('/').pop()!);
      return session ? send(res, 200, session) : notFound(res, 'checkout session');
    }
    if (req.method === 'GET' && resource === 'subscriptions') {
      const sub = fake.subscriptions.get(id!);
      return sub ? send(res, 200, sub) : notFound(res, 'subscription');
    }
    if (req.method === 'GET' && resource === 'payment_intents') {
      const intent = fake.paymentIntents.get(id!);
      return intent ? send(res, 200, intent) : notFound(res, 'payment intent');
    }
    return send(res, 404, { error: { type: 'invalid_request_error', message: `The fake does not know ${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ...fake,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
