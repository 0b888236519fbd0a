import { describe, expect, it } from 'vitest';
import { readEnv } from '../../server/env.ts';

describe('readEnv', () => {
  it('fills the documented defaults', () => {
    expect(readEnv({})).toMatchObject({
      PORT: 4321,
      HOST: '127.0.0.1',
      PUBLIC_URL: 'http://localhost:4321',
      DATABASE_URL: 'file:./data/xuetang.db',
      NODE_ENV: 'development',
      TRUST_PROXY: false,
    });
  });

  it('accepts a libSQL server on loopback without a token (http://, ws://, libsql://?tls=0), and an embedded replica of one', () => {
    for (const url of ['http://127.0.0.1:8080', 'ws://127.0.0.1:8080', 'libsql://127.0.0.1:8080?tls=0'])
      expect(readEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    expect(readEnv({ DATABASE_URL: 'file:./data/replica.db', DATABASE_SYNC_URL: 'http://127.0.0.1:8080', DATABASE_SYNC_INTERVAL: '2' })).toMatchObject({
      DATABASE_SYNC_URL: 'http://127.0.0.1:8080',
      DATABASE_SYNC_INTERVAL: 2,
    });
  });

  it('derives PUBLIC_URL from PORT and drops a trailing slash', () => {
    expect(readEnv({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(readEnv({ PUBLIC_URL: 'https://learn.example.com/' }).PUBLIC_URL).toBe('https://learn.example.com');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: PORT must be a port number'],
    [{ PORT: '70000' }, 'PORT must be at most 65535'],
    [{ PUBLIC_URL: 'learn.example.com' }, 'PUBLIC_URL must be the full origin readers use'],
    [{ PUBLIC_URL: 'https://example.com/school' }, 'PUBLIC_URL must be an origin without a path'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must start with file:'],
    [{ DATABASE_URL: 'libsql://db.example.turso.io' }, 'DATABASE_AUTH_TOKEN is missing'],
    [{ DATABASE_URL: 'file:./data/replica.db', DATABASE_SYNC_URL: 'libsql://db.example.turso.io' }, 'DATABASE_AUTH_TOKEN is missing'],
    [{ DATABASE_URL: 'http://127.0.0.1:8080', DATABASE_SYNC_URL: 'http://127.0.0.1:8080' }, 'DATABASE_URL must be the local replica file'],
    [{ DATABASE_SYNC_URL: 'db.example.com' }, 'DATABASE_SYNC_URL must be the URL of the primary libSQL server'],
    [
      { DATABASE_URL: 'file:./data/replica.db', DATABASE_SYNC_URL: 'http://127.0.0.1:8080', DATABASE_SYNC_INTERVAL: '0' },
      'DATABASE_SYNC_INTERVAL must be more than 0 seconds',
    ],
    [{ SMTP_URL: 'mail.example.com' }, 'SMTP_URL must look like smtp://'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be development, production or test'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY: use 1 or 0'],
  ])('stops on %j with a sentence naming the variable', (source, message) => {
    expect(() => readEnv(source)).toThrow(message);
  });
});
