import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { ensureLocalMongoBinary } from './build-tool.js';
import { hasExited, keepTail, type LineTail, stopChild, unrefChild } from './child-process.js';
import { type DataDir, prepareDataDir } from './data-dir.js';
import { onProcessExit } from './exit-hooks.js';
import type { LocalMongo, StartServerOptions } from './types.js';
import { waitForPing } from './wire-ping.js';

const startupTimeoutMs = 60_000;

/** Resolves with the port from the tool's single stdout line `LISTENING host:port`. */
const readListeningPort = (child: ChildProcess, stderr: LineTail, deadline: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout!, crlfDelay: Infinity });
    const fail = (reason: string): void => {
      cleanup();
      reject(new Error(`the local MongoDB-compatible server ${reason}\n${stderr.text()}`.trimEnd()));
    };
    const onLine = (line: string): void => {
      const port = /^LISTENING \S+:(\d+)$/.exec(line)?.[1];
      if (port === undefined) return;
      cleanup();
      resolve(Number(port));
    };
    const onExit = (code: number | null, signal: string | null): void => fail(`exited (${signal ?? `code ${code}`})`);
    const onError = (error: Error): void => fail(`could not be started: ${error.message}`);
    const timer = setTimeout(() => fail(`did not start within ${startupTimeoutMs / 1000} s`), deadline - Date.now());
    const cleanup = (): void => {
      clearTimeout(timer);
      lines.off('line', onLine);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    lines.on('line', onLine);
    child.once('exit', onExit);
    child.once('error', onError);
  });

const launch = async (binary: string, dataDir: DataDir, options: StartServerOptions): Promise<LocalMongo> => {
  const args = ['-listen', `127.0.0.1:${options.port ?? 0}`, '-data-dir', dataDir.path, '-log-level', 'error'];
  if (dataDir.temporary) args.push('-ephemeral');
  // stdin stays an open pipe: its EOF tells the server that this process died.
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = keepTail(child.stderr, (line) => options.log?.(`local-mongo: ${line}`));
  const deadline = Date.now() + startupTimeoutMs;
  const unregister = onProcessExit(() => child.kill('SIGTERM'));
  try {
    const port = await readListeningPort(child, stderr, deadline);
    if (!(await waitForPing(port, deadline, () => !hasExited(child)))) {
      throw new Error(`the local MongoDB-compatible server on port ${port} does not answer ping\n${stderr.text()}`);
    }
    unrefChild(child);
    let stopping: Promise<void> | undefined;
    return {
      uri: `mongodb://127.0.0.1:${port}/`,
      kind: 'ferretdb',
      pid: child.pid,
      dataDir: dataDir.path,
      stop: () =>
        (stopping ??= (async () => {
          await stopChild(child);
          unregister();
          child.stdin?.destroy();
          await dataDir.remove();
        })()),
    };
  } catch (error) {
    await stopChild(child);
    unregister();
    throw error;
  }
};

/**
 * Starts the project's own server: FerretDB (SQLite) behind the atomic-write
 * front of tools/local-mongo, built with Go on first use. The server exits by
 * itself if this process dies (its stdin pipe closes).
 */
export const startFerretDb = async (options: StartServerOptions = {}): Promise<LocalMongo> => {
  const binary = await ensureLocalMongoBinary(options.log);
  const dataDir = await prepareDataDir('ferretdb', options.dataDir);
  try {
    return await launch(binary, dataDir, options);
  } catch (error) {
    await dataDir.remove();
    throw error;
  }
};
