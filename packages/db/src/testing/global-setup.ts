import type { TestProject } from 'vitest/node';

import { type LocalMongo, resolveMongo } from '../local-server/index.js';

type Shared = { server: Promise<LocalMongo>; users: number };

// Several vitest projects (db, api) name this file; they share one server per run.
const key = Symbol.for('orgsphere.testing.localMongo');
const registry = globalThis as { [key]?: Shared };

const acquire = (): Promise<LocalMongo> => {
  const shared = (registry[key] ??= {
    server: resolveMongo({ mongoUri: process.env.MONGO_URI, log: (line) => console.error(line) }),
    users: 0,
  });
  shared.users += 1;
  return shared.server;
};

const release = async (): Promise<void> => {
  const shared = registry[key];
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  delete registry[key];
  await (await shared.server).stop();
};

/** Vitest global setup: provides `mongoUri` (MONGO_URI, or a local server for the whole run). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: LocalMongo;
  try {
    server = await acquire();
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
  project.provide('mongoUri', server.uri);
  return release;
}
