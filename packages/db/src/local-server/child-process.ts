import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** True once the child has exited, or if it could not be spawned at all (no pid). */
export const hasExited = (child: ChildProcess): boolean =>
  child.exitCode !== null || child.signalCode !== null || child.pid === undefined;

/** Resolves true once the child has exited (and been reaped), false after `timeoutMs`. */
export const waitForExit = (child: ChildProcess, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (hasExited(child)) return resolve(true);
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });

/** SIGTERM, then SIGKILL if the child has not exited within `graceMs`. */
export const stopChild = async (child: ChildProcess, graceMs = 5_000): Promise<void> => {
  if (hasExited(child)) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, graceMs)) return;
  child.kill('SIGKILL');
  await waitForExit(child, graceMs);
};

/** Lets this process exit while the child runs (its 'exit' hook then stops the child). */
export const unrefChild = (child: ChildProcess): void => {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    const handle = stream as { unref?: () => void } | null;
    handle?.unref?.();
  }
};

export type LineTail = { text(): string };

/** Drains a stream line by line (a full pipe would block the child) and keeps its last lines. */
export const keepTail = (stream: Readable | null, onLine?: (line: string) => void, maxLines = 30): LineTail => {
  const lines: string[] = [];
  if (stream) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      lines.push(line);
      if (lines.length > maxLines) lines.shift();
      onLine?.(line);
    });
  }
  return { text: () => lines.join('\n') };
};
