/**
 * `pnpm bench:profile`: the production bundle under --cpu-prof while autocannon loads
 * /health and org.get (REST and tRPC), then the profile's top self-time entries, per
 * function and per package. Rate limits are raised out of the way, as in `pnpm bench`.
 *
 *   PROFILE_DURATION=5 PROFILE_TOP=25 pnpm bench:profile
 *   PROFILE_ROUTES='org.get tRPC' pnpm bench:profile   (only the routes named, comma-separated)
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { resolveMongo } from '@orgsphere/db/local-server';

import { dropBenchDatabase } from './clean-up.js';
import { startBenchApi } from './api-server.js';
import { selfTimeByPackage, topInclusiveTime, topSelfTime } from './cpu-profile-top.js';
import { runLoad } from './load.js';

const durationSeconds = Number(process.env.PROFILE_DURATION ?? 5);
const top = Number(process.env.PROFILE_TOP ?? 25);
const runId = Date.now().toString(36);
const profileDir = mkdtempSync(join(tmpdir(), 'orgsphere-profile-'));
const unlimited = '1000000000';

const mongo = await resolveMongo({
  ...(process.env.MONGO_URI ? { mongoUri: process.env.MONGO_URI } : {}),
  log: (line) => console.error(`db: ${line}`),
});
const masterDbName = `profile_${runId}`;
const api = await startBenchApi(
  {
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    MONGO_URI: mongo.uri,
    MASTER_DB_NAME: masterDbName,
    JWT_SECRET: `profile-${crypto.randomUUID()}-${crypto.randomUUID()}`,
    WEBHOOK_SECRETS_KEY: `profile-webhooks-${crypto.randomUUID()}`,
    RATE_LIMIT_MAX: unlimited,
    ...(mongo.kind === 'ferretdb' ? { MONGO_MAX_POOL_SIZE: '2' } : {}),
  },
  ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
);

const organization = {
  organization_name: `Profile ${runId}`,
  email: `admin.${runId}@profile.test`,
  password: `Profile-${runId}-pass`,
};
const created = await fetch(`${api.url}/org/create`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(organization),
});
if (created.status !== 201) throw new Error(`org.create answered ${created.status}`);

const routes = {
  '/health': '/health',
  'org.get REST': `/org/get?organization_name=${encodeURIComponent(organization.organization_name)}`,
  'org.get tRPC': `/trpc/org.get?input=${encodeURIComponent(JSON.stringify({ organization_name: organization.organization_name }))}`,
};
const chosen = process.env.PROFILE_ROUTES?.split(',').map((name) => name.trim());
for (const [name, path] of Object.entries(routes)) {
  if (chosen && !chosen.includes(name)) continue;
  const result = await runLoad(api.url, { method: 'GET', path }, { connections: 50, durationSeconds });
  console.error(`${name}: ${result.requestsPerSecond} req/s (non-2xx ${result.non2xx})`);
}

await api.stop();
await dropBenchDatabase(mongo, masterDbName);

const profile = readdirSync(profileDir).find((file) => file.endsWith('.cpuprofile'));
if (!profile) throw new Error(`no .cpuprofile written in ${profileDir}`);
const file = join(profileDir, profile);
const table = (entries: { name: string; selfPercent: number }[]) =>
  entries.map((e) => `| ${e.selfPercent.toFixed(1)}% | \`${e.name}\` |`).join('\n');
console.log(`Profile: ${file}\n\n| self | function |\n|---:|---|\n${table(topSelfTime(file, top))}\n`);
console.log(`| self | package |\n|---:|---|\n${table(selfTimeByPackage(file, 15))}\n`);
if (process.env.PROFILE_INCLUSIVE) {
  console.log(
    `| incl. | function |\n|---:|---|\n${table(topInclusiveTime(file, Number(process.env.PROFILE_INCLUSIVE)))}`,
  );
}
