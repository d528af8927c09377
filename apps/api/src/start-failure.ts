import { EnvFileError } from './env-file.js';
import { EnvError } from './env.js';

const listenErrorCodes = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL']);

const isListenError = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && listenErrorCodes.has((error as { code?: unknown }).code as string);

type FailedStartOptions = {
  underDevWatcher: boolean;
  /** Further errors that are the user's to fix (the development entry's missing local database). */
  isUsersToFix?: (error: unknown) => boolean;
};

/**
 * Reports why start-up failed and exits non-zero. Under `pnpm dev`, tsx's watcher would wait
 * for a file change after its child exits, so for a problem of the environment (port taken,
 * bad settings) the watcher is ended too, and `pnpm dev` exits with the failure.
 */
export const exitAfterFailedStart = (error: unknown, options: FailedStartOptions): never => {
  const usersToFix =
    error instanceof EnvError || error instanceof EnvFileError || options.isUsersToFix?.(error) === true;
  if (usersToFix) {
    // The user's to fix: say what, without a stack.
    console.error(error instanceof Error ? error.message : String(error));
  } else if (isListenError(error)) {
    console.error(`OrgSphere could not listen: ${error.message} (choose another PORT or HOST)`);
  } else {
    console.error('OrgSphere failed to start:', error);
  }
  // Problems of the machine or the settings, which no edit of the code fixes.
  if (options.underDevWatcher && (usersToFix || isListenError(error))) {
    // The watcher relays its SIGTERM back to us; ignore it so our own exit code stands.
    process.on('SIGTERM', () => undefined);
    process.kill(process.ppid, 'SIGTERM');
  }
  process.exit(1);
};
