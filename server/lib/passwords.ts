import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Hashes and checks passwords; handed to the app in deps so an edge runtime can bring its own. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(stored: string, password: string): Promise<boolean>;
}

function derive(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/**
 * scrypt from node:crypto with a per-user salt. The cost parameters are stored in the hash
 * (`scrypt$N$r$p$salt$key`), so raising them later does not break existing passwords.
 */
export function scryptHasher(cost: { N: number; r: number; p: number } = { N: 2 ** 15, r: 8, p: 1 }): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, 32, { ...cost, maxmem: 128 * cost.N * cost.r * 2 });
      return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
    },
    async verify(stored, password) {
      const [scheme, n, r, p, salt, key] = stored.split('$');
      if (scheme !== 'scrypt' || !salt || !key) return false;
      const params = { N: Number(n), r: Number(r), p: Number(p) };
      const expected = Buffer.from(key, 'base64url');
      const actual = await derive(password, Buffer.from(salt, 'base64url'), expected.byteLength, { ...params, maxmem: 128 * params.N * params.r * 2 });
      return timingSafeEqual(actual, expected);
    },
  };
}
