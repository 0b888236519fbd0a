/** The process entry of `npm start`: build when stale, then serve everything on one port. */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { EnvError, readEnv } from './env.ts';
import { ensureBuild } from './build/ensure-build.ts';
import { diskSiteFiles } from './static/disk-site-files.ts';

async function main() {
  const env = readEnv(process.env);
  await ensureBuild(process.cwd(), { PUBLIC_URL: env.PUBLIC_URL });
  const app = createApp({ site: diskSiteFiles('dist/public') });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    console.log(JSON.stringify({ msg: 'listening', url: env.PUBLIC_URL, address: `${info.address}:${info.port}` }));
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const fix = error.code === 'EADDRINUSE' ? `: another program uses it. Stop it, or start on another port with PORT=${env.PORT + 1} npm start` : '';
    console.error(`Xuetang cannot listen on ${env.HOST}:${env.PORT}${fix || `: ${error.message}`}`);
    process.exit(1);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
