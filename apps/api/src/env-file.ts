import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';

/** The one documented place for `.env`: the repository root, beside pnpm-workspace.yaml. */
const findRepositoryRoot = (from: string): string | undefined => {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
};

export class EnvFileError extends Error {
  override readonly name = 'EnvFileError';
}

/**
 * Which `.env` file start-up reads: `override` (ORGSPHERE_ENV_FILE) when given, where empty
 * means none; otherwise the repository's root `.env` if there is one. `pnpm dev` and
 * `pnpm start` run inside the repository; a deployed bundle has no repository around it, so
 * it reads none.
 */
export const findEnvFile = (override: string | undefined, cwd: string): string | undefined => {
  if (override !== undefined) {
    if (override === '') return undefined;
    const path = resolve(cwd, override);
    if (!existsSync(path)) throw new EnvFileError(`ORGSPHERE_ENV_FILE names ${path}, which does not exist`);
    return path;
  }
  const root = findRepositoryRoot(cwd);
  const path = root && join(root, '.env');
  return path && existsSync(path) ? path : undefined;
};

/** The file's variables under the shell's: a variable set in the shell always wins. */
export const withEnvFile = (shell: NodeJS.ProcessEnv, path: string): NodeJS.ProcessEnv => ({
  ...parseEnv(readFileSync(path, 'utf8')),
  ...shell,
});
