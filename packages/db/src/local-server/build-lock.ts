import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A lock left by a process that died, or one that died before writing its pid. */
const isStale = async (lockDir: string): Promise<boolean> => {
  try {
    const pid = Number(await readFile(join(lockDir, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) throw new Error('pid not written yet');
    return !isAlive(pid);
  } catch {
    // No pid yet: stale only once its creator has had ample time to write one.
    const info = await stat(lockDir).catch(() => undefined);
    return info === undefined || Date.now() - info.mtimeMs > 10_000;
  }
};

/**
 * Runs `work` while holding a lock shared by every process (mkdir is atomic),
 * so two test runs starting at once do not both spend minutes compiling.
 * A waiter returns as soon as `isDone()` says another process did the work.
 */
export const withBuildLock = async (lockDir: string, isDone: () => Promise<boolean>, work: () => Promise<void>) => {
  for (;;) {
    if (await isDone()) return;
    try {
      await mkdir(lockDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(lockDir)) await rm(lockDir, { recursive: true, force: true });
      else await delay(500);
      continue;
    }
    try {
      await writeFile(join(lockDir, 'pid'), String(process.pid));
      if (!(await isDone())) await work();
      return;
    } finally {
      await rm(lockDir, { recursive: true, force: true });
    }
  }
};
