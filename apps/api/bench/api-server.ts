import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const apiDir = fileURLToPath(new URL('..', import.meta.url));
/** USER_HZ, 100 on Linux. */
const clockTicksPerSecond = 100;

export type BenchApi = {
  url: string;
  child: ChildProcess;
  /** From spawning the process to its first answer on /health (polled every 10 ms). */
  startUpMs: number;
  rssMiB: () => number;
  /** CPU time the process has used so far (user + system), from /proc: less sensitive to other load than req/s. */
  cpuSeconds: () => number;
  /** The same, split: the main (JavaScript) thread, and all others (V8's GC helpers, libuv's pool). */
  threadCpuSeconds: () => { main: number; others: number };
  stop: () => Promise<void>;
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** utime + stime of a process or thread, from its /proc stat file. */
const cpuSecondsOf = (statFile: string) => {
  // Fields 14 and 15 (after the parenthesised name): utime and stime in clock ticks.
  const fields = readFileSync(statFile, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
};

/** Spawns `args` with plain node on a free port and waits until `readyPath` answers. */
const startHttpProcess = async (args: string[], env: Record<string, string>, readyPath: string): Promise<BenchApi> => {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: apiDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited during start-up`);
    if (
      await fetch(`${url}${readyPath}`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (performance.now() - spawnedAt > 120_000)
      throw new Error(`${args.join(' ')} did not answer ${readyPath} within 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    url,
    child,
    startUpMs: performance.now() - spawnedAt,
    rssMiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    cpuSeconds: () => cpuSecondsOf(`/proc/${child.pid}/stat`),
    threadCpuSeconds: () => {
      const tasks = readdirSync(`/proc/${child.pid}/task`);
      let others = 0;
      for (const task of tasks)
        if (task !== String(child.pid)) others += cpuSecondsOf(`/proc/${child.pid}/task/${task}/stat`);
      return { main: cpuSecondsOf(`/proc/${child.pid}/task/${child.pid}/stat`), others };
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
};

/**
 * Starts the real API as its own process, as in production: the bundle `pnpm build`
 * makes (dist/server.js, what the Docker image runs; `pnpm bench` builds it first),
 * with plain node (plus `nodeArgs`, e.g. --cpu-prof; `bundle` names another build, relative to
 * apps/api). Waits for /health. Request logs
 * stay off (warn) so they do not dominate every scenario.
 */
export const startBenchApi = (
  env: Record<string, string>,
  nodeArgs: string[] = [],
  bundle = 'dist/server.js',
): Promise<BenchApi> => startHttpProcess([...nodeArgs, bundle], env, '/health');

/** The bare Fastify reference (bench/reference-server.ts) in its own process, on the same node. */
export const startBareReference = (): Promise<BenchApi> =>
  startHttpProcess(['--import', 'tsx', 'bench/reference-server.ts'], { NODE_ENV: 'production' }, '/__bench/reference');
