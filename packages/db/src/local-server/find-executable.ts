import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const isExecutableFile = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The first `name` on PATH, else the first of `fallbacks` that exists and is executable. */
export const findExecutable = (name: string, fallbacks: string[] = []): string | undefined => {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  return [...dirs.map((dir) => join(dir, name)), ...fallbacks].find(isExecutableFile);
};
