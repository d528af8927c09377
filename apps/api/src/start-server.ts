import { composeApi, type ComposeOptions } from './compose.js';
import { EnvError, type Env } from './env.js';

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

/** Exits after a failed start; `isUsersToFix` errors (configuration, missing tools) print without a stack. */
export const exitOnStartFailure = (error: unknown, isUsersToFix: (error: unknown) => boolean = () => false): never => {
  if (error instanceof EnvError || isUsersToFix(error)) console.error(error instanceof Error ? error.message : String(error));
  else console.error('OrgSphere failed to start:', error);
  process.exit(1);
};
