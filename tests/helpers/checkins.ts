/** Signed-in members for check-in tests: sign-up straight into the database, a session cookie, JSON requests. */
import { createSession } from '../../server/features/accounts/sessions.ts';
import { createUser } from '../../server/features/accounts/users.ts';
import { PUBLIC_URL, type TestGateway } from './gateway.ts';

export interface Member {
  id: string;
  cookie: string;
  request(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
}

/** Creates a verified member in `timezone` and returns a client that sends their session cookie. */
export async function signedInMember(gw: TestGateway, email: string, timezone = 'Asia/Shanghai', name = email.split('@')[0]!): Promise<Member> {
  const now = Math.floor(gw.clock() / 1000);
  const user = (await createUser(gw.db, { email, passwordHash: null, name, timezone, verified: true }, now))!;
  const { token } = await createSession(gw.db, user.id, now);
  const cookie = `xt_session=${token}`;
  return {
    id: user.id,
    cookie,
    request(path, init = {}) {
      const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
      const headers: Record<string, string> = { cookie, origin: PUBLIC_URL };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      return Promise.resolve(
        gw.app.request(`${PUBLIC_URL}${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }),
      );
    },
  };
}
