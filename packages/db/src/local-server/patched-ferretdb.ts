import { execFile } from 'node:child_process';
import { chmod, copyFile, cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { goEnv } from './go-toolchain.js';

const ferretdbModule = 'github.com/FerretDB/FerretDB';

/** The module cache is read-only; the copy must be writable to patch and to delete. */
const makeWritable = async (dir: string): Promise<void> => {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(path);
    else await chmod(path, 0o644);
  }
};

/**
 * Prepares `workDir` for `go build -modfile=<returned path>`: a copy of the pinned
 * FerretDB module with the files of tools/local-mongo/_overlay/ferretdb laid over it
 * (see the README there), and the tool's go.mod with a replace directive pointing at
 * that copy. Go refuses overlays inside its module cache, hence the copy (3.4 MB).
 */
export const preparePatchedFerretdb = async (go: string, toolDir: string, workDir: string): Promise<string> => {
  const { stdout } = await promisify(execFile)(go, ['mod', 'download', '-json', ferretdbModule], {
    cwd: toolDir,
    env: goEnv(),
  });
  const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error(`go mod download did not say where ${ferretdbModule} is`);

  const patchedModule = join(workDir, 'ferretdb');
  await cp(moduleDir, patchedModule, { recursive: true });
  await makeWritable(patchedModule);
  const patchesDir = join(toolDir, '_overlay', 'ferretdb');
  for (const name of (await readdir(patchesDir, { recursive: true })).filter((file) => file.endsWith('.go'))) {
    await copyFile(join(patchesDir, name), join(patchedModule, name));
  }

  const modFile = join(workDir, 'go.mod');
  const goMod = await readFile(join(toolDir, 'go.mod'), 'utf8');
  await writeFile(modFile, `${goMod}\nreplace ${ferretdbModule} => ${patchedModule}\n`);
  await copyFile(join(toolDir, 'go.sum'), join(workDir, 'go.sum'));
  return modFile;
};
