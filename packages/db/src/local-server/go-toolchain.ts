import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { LocalMongoUnavailableError, setMongoUriHint } from './errors.js';
import { findExecutable } from './find-executable.js';

const minimum = { major: 1, minor: 26 };
const goMissing = `Go (>= ${minimum.major}.${minimum.minor}) is not installed, and there is no mongod on PATH.`;

/** Path of a Go toolchain able to build tools/local-mongo, or a LocalMongoUnavailableError. */
export const findGo = async (): Promise<string> => {
  const go = findExecutable('go', ['/usr/local/go/bin/go']);
  if (go === undefined) {
    throw new LocalMongoUnavailableError(
      `${goMissing} The local MongoDB-compatible server is built from tools/local-mongo with Go: install Go, ${setMongoUriHint}`,
    );
  }
  const { stdout } = await promisify(execFile)(go, ['env', 'GOVERSION'], { env: goEnv() });
  const match = /^go(\d+)\.(\d+)/.exec(stdout.trim());
  const [major, minor] = [Number(match?.[1] ?? 0), Number(match?.[2] ?? 0)];
  if (major < minimum.major || (major === minimum.major && minor < minimum.minor)) {
    throw new LocalMongoUnavailableError(
      `${go} is ${stdout.trim() || 'an unknown version'}; the local MongoDB-compatible server needs Go >= ` +
        `${minimum.major}.${minimum.minor}. Install a newer Go, ${setMongoUriHint}`,
    );
  }
  return go;
};

/**
 * The environment for go commands: never download another toolchain (GOTOOLCHAIN),
 * ignore any go.work above the tool, and need no C compiler (FerretDB's SQLite is pure Go).
 */
export const goEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  GOTOOLCHAIN: 'local',
  GOWORK: 'off',
  CGO_ENABLED: '0',
});
