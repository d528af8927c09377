import { LocalMongoUnavailableError } from '@orgsphere/db/local-server';

import { EnvFileError } from './env-file.js';
import { EnvError } from './env.js';

const listenErrorCodes = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL']);

const isListenError = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && listenErrorCodes.has((error as { code?: unknown }).code as string);

/** Problems of the machine or the settings, which no edit of the code fixes. */
const isEnvironmentProblem = (error: unknown) =>
  error instanceof EnvError ||
  error instanceof EnvFileError ||
  error instanceof LocalMongoUnavailableError ||
  isListenError(error);

/**
 * Reports why start-up failed and exits non-zero. Under `pnpm dev`, tsx's watcher would wait
 * for a file change after its child exits, so for a problem of the environment (port taken,
 * bad settings) the watcher is ended too, and `pnpm dev` exits with the failure.
 */
export const exitAfterFailedStart = (error: unknown, options: { underDevWatcher: boolean }): never => {
  if (error instanceof EnvError || error instanceof EnvFileError || error instanceof LocalMongoUnavailableError) {
    // The user's to fix: say what, without a stack.
    console.error(error.message);
  } else if (isListenError(error)) {
    console.error(`OrgSphere could not listen: ${error.message} (choose another PORT or HOST)`);
  } else {
    console.error('OrgSphere failed to start:', error);
  }
  if (options.underDevWatcher && isEnvironmentProblem(error)) {
    // The watcher relays its SIGTERM back to us; ignore it so our own exit code stands.
    process.on('SIGTERM', () => undefined);
    process.kill(process.ppid, 'SIGTERM');
  }
  process.exit(1);
};
