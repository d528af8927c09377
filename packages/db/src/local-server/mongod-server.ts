import { spawn } from 'node:child_process';

import { hasExited, keepTail, stopChild, unrefChild } from './child-process.js';
import { prepareDataDir } from './data-dir.js';
import { onProcessExit } from './exit-hooks.js';
import { findFreePort } from './free-port.js';
import type { LocalMongo, StartServerOptions } from './types.js';
import { waitForPing } from './wire-ping.js';

const startupTimeoutMs = 60_000;
const attempts = 3;

/**
 * Starts a real mongod found on PATH, on a free loopback port. The port is
 * picked before mongod binds it, so a clash with another process is retried.
 */
export const startMongod = async (mongod: string, options: StartServerOptions = {}): Promise<LocalMongo> => {
  const dataDir = await prepareDataDir('mongod', options.dataDir);
  let lastOutput = '';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const port = await findFreePort();
    const args = ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dataDir.path];
    const child = spawn(mongod, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = keepTail(child.stdout);
    const errors = keepTail(child.stderr, (line) => options.log?.(`mongod: ${line}`));
    const unregister = onProcessExit(() => child.kill('SIGTERM'));
    child.once('error', () => undefined); // a spawn failure leaves no pid: hasExited() is true
    const ready = await waitForPing(port, Date.now() + startupTimeoutMs, () => !hasExited(child));
    if (ready && !hasExited(child)) {
      unrefChild(child);
      options.log?.(`started mongod (pid ${child.pid}) on 127.0.0.1:${port}`);
      let stopping: Promise<void> | undefined;
      return {
        uri: `mongodb://127.0.0.1:${port}/`,
        kind: 'mongod',
        pid: child.pid,
        dataDir: dataDir.path,
        stop: () =>
          (stopping ??= (async () => {
            await stopChild(child, 10_000);
            unregister();
            await dataDir.remove();
          })()),
      };
    }
    await stopChild(child);
    unregister();
    lastOutput = `${output.text()}\n${errors.text()}`.trim();
    if (!/address already in use/i.test(lastOutput)) break;
  }
  await dataDir.remove();
  throw new Error(`mongod did not start:\n${lastOutput}`);
};
