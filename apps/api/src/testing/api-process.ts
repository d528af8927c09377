import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));

export type ApiProcess = {
  url: string;
  child: ChildProcess;
  /** Resolves when a stdout JSON log line satisfies the predicate. */
  waitForLog: (
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ) => Promise<Record<string, unknown>>;
  kill: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/**
 * Runs the API as a separate Node process (as in production), on a free port,
 * and returns once it listens.
 */
export const startApiProcess = async (
  env: Record<string, string>,
  entry = 'src/server.ts',
  /** A built server (dist/server.js) runs from its own directory with plain node, no tsx. */
  options: { cwd?: string; built?: boolean; nodeOptions?: string[] } = {},
): Promise<ApiProcess> => {
  const args = [
    // e.g. --max-old-space-size, to turn "does not hold it all in memory" into "would crash if it did".
    ...(options.nodeOptions ?? []),
    ...(options.built ? ['--enable-source-maps', entry] : ['--import', 'tsx', entry]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? apiDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      JWT_SECRET: 'chaos-test-secret-0123456789-0123456789',
      WEBHOOK_SECRETS_KEY: 'test-webhook-secrets-key-0123456789-0123456789',
      // Hermetic: never the developer's root .env.
      ORGSPHERE_ENV_FILE: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      lines.push({ msg: line });
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForLog: ApiProcess['waitForLog'] = (predicate, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = lines.find(predicate);
        if (found) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`API process did not log the expected line in time.\nstderr: ${stderr.join('')}`));
      }, timeoutMs);
      waiters.add(check);
      void exited.then(() => {
        if (waiters.has(check)) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`API process exited.\nstderr: ${stderr.join('')}`));
        }
      });
      check();
    });

  const listening = await waitForLog((line) => typeof line.address === 'string');
  return {
    url: String(listening.address),
    child,
    waitForLog,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
};
