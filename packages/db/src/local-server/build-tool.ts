import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, constants, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { withBuildLock } from './build-lock.js';
import { preparePatchedFerretdb } from './patched-ferretdb.js';
import { keepTail } from './child-process.js';
import { LocalMongoUnavailableError, setMongoUriHint } from './errors.js';
import { findGo, goEnv } from './go-toolchain.js';
import { findRepoRoot } from './repo-root.js';
import type { LogFn } from './types.js';

const isSource = (name: string): boolean =>
  name.endsWith('go.mod') || name.endsWith('go.sum') || (name.endsWith('.go') && !name.endsWith('_test.go'));

/** A short hash of everything the binary is built from, so an unchanged tool is never rebuilt. */
export const hashToolSources = async (toolDir: string): Promise<string> => {
  const names = (await readdir(toolDir, { recursive: true })).filter(isSource).sort();
  const hash = createHash('sha256');
  for (const name of names) {
    hash.update(`${name}\0`).update(await readFile(join(toolDir, name)));
  }
  return hash.digest('hex').slice(0, 12);
};

const isExecutable = async (path: string): Promise<boolean> => {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const seconds = (since: number): string => `${Math.round((Date.now() - since) / 1000)} s`;

const goBuild = async (go: string, toolDir: string, output: string, log?: LogFn): Promise<void> => {
  const modFile = await preparePatchedFerretdb(go, toolDir, `${output}.work`);
  const child = spawn(go, ['build', '-trimpath', `-modfile=${modFile}`, '-o', output, '.'], {
    cwd: toolDir,
    env: goEnv(),
    stdio: 'pipe',
  });
  child.stdin.end();
  const tail = keepTail(child.stderr);
  keepTail(child.stdout);
  const started = Date.now();
  const progress = setInterval(() => log?.(`  still building (${seconds(started)})...`), 30_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearInterval(progress));
  if (code !== 0) {
    throw new LocalMongoUnavailableError(
      `Building the local MongoDB-compatible server (go build in ${toolDir}) failed with exit code ${code}:\n` +
        `${tail.text()}\nFix the build, ${setMongoUriHint}`,
    );
  }
  log?.(`built the local MongoDB-compatible server in ${seconds(started)}`);
};

/** Deletes binaries built from older sources (a server still running one keeps its copy). */
const pruneOldBinaries = async (cacheDir: string, keep: string): Promise<void> => {
  for (const name of await readdir(cacheDir)) {
    if (/^local-mongo-[0-9a-f]{12}$/.test(name) && join(cacheDir, name) !== keep) {
      await rm(join(cacheDir, name), { force: true });
    }
  }
};

/** go build into a temporary file, then rename (atomic): nobody ever sees a half-written binary. */
const build = async (toolDir: string, binary: string, log?: LogFn): Promise<void> => {
  const go = await findGo();
  const cacheDir = join(binary, '..');
  await mkdir(cacheDir, { recursive: true });
  const buildOnce = async (): Promise<void> => {
    log?.('building the local MongoDB-compatible server (first time takes ~2 minutes)...');
    const temporary = `${binary}.tmp-${process.pid}-${Date.now().toString(36)}`;
    try {
      await goBuild(go, toolDir, temporary, log);
      await rename(temporary, binary);
    } finally {
      await rm(temporary, { force: true });
      await rm(`${temporary}.work`, { recursive: true, force: true });
    }
    await pruneOldBinaries(cacheDir, binary);
  };
  await withBuildLock(`${binary}.lock`, () => isExecutable(binary), buildOnce);
};

const builds = new Map<string, Promise<void>>();

/**
 * Path of the tools/local-mongo binary for the current sources, built with Go on
 * first use into <root>/.cache/local-mongo/local-mongo-<hash> and reused after that.
 */
export const ensureLocalMongoBinary = async (log?: LogFn): Promise<string> => {
  const root = findRepoRoot();
  const toolDir = join(root, 'tools', 'local-mongo');
  const binary = join(root, '.cache', 'local-mongo', `local-mongo-${await hashToolSources(toolDir)}`);
  if (await isExecutable(binary)) return binary;

  let pending = builds.get(binary);
  if (pending === undefined) {
    pending = build(toolDir, binary, log).finally(() => builds.delete(binary));
    builds.set(binary, pending);
  }
  await pending;
  return binary;
};
