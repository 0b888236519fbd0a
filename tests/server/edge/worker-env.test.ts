import { describe, expect, it } from 'vitest';
import { readWorkerEnv, type WorkerBindings } from '../../../server/edge/worker-env.ts';

const bindings = (vars: Record<string, string>): WorkerBindings => ({
  ASSETS: { fetch: async () => new Response(null, { status: 404 }) },
  PRIVATE_FILES: { get: async () => null },
  ...vars,
});
const good = {
  DATABASE_URL: 'libsql://db.example.turso.io',
  DATABASE_AUTH_TOKEN: 'ey',
  PUBLIC_URL: 'https://learn.example.com',
  PRIVATE_BUILD: '0123456789abcdef',
};

describe("the Worker's settings", () => {
  it('reads the Node variables through the same readEnv, and the edge ones beside them', () => {
    const env = readWorkerEnv(bindings({ ...good, MAIL_API_URL: 'https://api.resend.com/emails', MAIL_API_KEY: 're_1' }));
    expect(env).toMatchObject({ ...good, BILLING_GRACE_DAYS: 7, MAIL_API_KEY: 're_1' });
  });

  it('refuses a file database, a missing build id and half a mail API, each with the fix', () => {
    expect(() => readWorkerEnv(bindings({ ...good, DATABASE_URL: 'file:./data/xuetang.db' }))).toThrow(/DATABASE_URL must be a libSQL server on the edge/);
    expect(() => readWorkerEnv(bindings({ ...good, PRIVATE_BUILD: '' }))).toThrow(
      /PRIVATE_BUILD is missing: deploy with the id npm run edge:upload-private printed/,
    );
    expect(() => readWorkerEnv(bindings({ ...good, MAIL_API_URL: 'https://api.resend.com/emails' }))).toThrow(/Set both MAIL_API_URL and MAIL_API_KEY/);
    expect(() => readWorkerEnv(bindings({ ...good, DATABASE_AUTH_TOKEN: '' }))).toThrow(/DATABASE_AUTH_TOKEN is missing/);
  });
});
