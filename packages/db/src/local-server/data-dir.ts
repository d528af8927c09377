import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type DataDir = { path: string; temporary: boolean; remove(): Promise<void> };

/**
 * The server's data directory. A persistent one gets a subfolder per server
 * kind, as mongod's and FerretDB's files cannot share a folder; without one,
 * a fresh temporary folder.
 */
export const prepareDataDir = async (kind: 'mongod' | 'ferretdb', dataDir?: string): Promise<DataDir> => {
  const temporary = dataDir === undefined;
  const path = temporary ? await mkdtemp(join(tmpdir(), `orgsphere-${kind}-`)) : join(resolve(dataDir), kind);
  if (!temporary) await mkdir(path, { recursive: true });
  return {
    path,
    temporary,
    remove: async () => {
      if (temporary) await rm(path, { recursive: true, force: true });
    },
  };
};
