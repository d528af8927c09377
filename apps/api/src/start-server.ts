import { composeApi, type ComposeOptions } from './compose.js';
import { loadStartupEnv, type Env } from './env.js';
import { tuneRuntime } from './runtime-tuning.js';

const shutdownGraceMs = 10_000;

export type StartServerOptions = ComposeOptions & {
  /** Stops what the entry started before the API (the development entry's local database). */
  onStopped?: () => Promise<void>;
};

/**
 * Composes the API, listens, and stops it cleanly on SIGTERM/SIGINT: no new
 * connections, in-flight requests finish (bounded), then the reconciler, the pools
 * and whatever the entry started. Shared by the production and development entries.
 */
export const startServer = async (env: Env, options: StartServerOptions) => {
  tuneRuntime();
  const { app, services, close } = await composeApi(env, options);

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      app.log.info({ signal }, 'shutting down: finishing in-flight requests');
      setTimeout(() => process.exit(1), shutdownGraceMs).unref();
      await close();
      await options.onStopped?.();
    })());
  process.once('SIGTERM', () => void stop('SIGTERM').then(() => process.exit(0)));
  process.once('SIGINT', () => void stop('SIGINT').then(() => process.exit(0)));

  const address = await app.listen({ host: env.HOST, port: env.PORT });
  app.log.info({ address }, `OrgSphere API on ${address} (REST docs at ${address}/docs)`);
  return { app, services, address, stop };
};

/** The validated environment (shell over the repository's .env), saying which file was read. */
export const readStartupEnv = (): Env => {
  const { env, envFile, warnings } = loadStartupEnv();
  console.error(envFile ? `[config] read ${envFile} (shell variables win over it)` : '[config] no .env file read');
  for (const warning of warnings) console.error(`[config] warning: ${warning}`);
  return env;
};
