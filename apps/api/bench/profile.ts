/**
 * `pnpm bench:profile`: the production bundle under --cpu-prof while autocannon loads
 * /health and org.get (REST and tRPC), then, per route, the top self-time entries per
 * function and per package in microseconds per request (sampled every 100 µs; the figures
 * carry the profiler's overhead, so compare them with each other, not with `pnpm bench`).
 * Rate limits are raised out of the way, as in `pnpm bench`. PROFILE_BUILD profiles another
 * build (a copy of an earlier dist/server.js) for a before/after table.
 *
 *   PROFILE_DURATION=5 PROFILE_TOP=25 pnpm bench:profile
 *   PROFILE_ROUTES='org.get tRPC' pnpm bench:profile   (only the routes named, comma-separated)
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { resolveMongo } from '@orgsphere/db/local-server';

import { dropBenchDatabase } from './clean-up.js';
import { benchApiEnv } from './api-env.js';
import { startBenchApi } from './api-server.js';
import { costPerRequest, topInclusiveTime, type CostEntry, type LoadWindow } from './cpu-profile-top.js';
import { runLoad, type LoadRequest } from './load.js';

const durationSeconds = Number(process.env.PROFILE_DURATION ?? 5);
const top = Number(process.env.PROFILE_TOP ?? 25);
const runId = Date.now().toString(36);
const profileDir = mkdtempSync(join(tmpdir(), 'orgsphere-profile-'));

const mongo = await resolveMongo({
  ...(process.env.MONGO_URI ? { mongoUri: process.env.MONGO_URI } : {}),
  log: (line) => console.error(`db: ${line}`),
});
const masterDbName = `profile_${runId}`;
const api = await startBenchApi(
  benchApiEnv(mongo, masterDbName),
  ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=100'],
  process.env.PROFILE_BUILD,
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

const get = (path: string): LoadRequest => ({ method: 'GET', path });
const routes: Record<string, LoadRequest> = {
  '/health': get('/health'),
  'org.get REST': get(`/org/get?organization_name=${encodeURIComponent(organization.organization_name)}`),
  'org.get tRPC': get(
    `/trpc/org.get?input=${encodeURIComponent(JSON.stringify({ organization_name: organization.organization_name }))}`,
  ),
  // Only when named in PROFILE_ROUTES: its argon2id work runs on another thread, which the profile does not see.
  'admin.login': {
    method: 'POST',
    path: '/admin/login',
    body: { email: organization.email, password: organization.password },
  },
};
const chosen = process.env.PROFILE_ROUTES?.split(',').map((name) => name.trim()) ?? [
  '/health',
  'org.get REST',
  'org.get tRPC',
];
/** The same monotonic clock, in µs, as the profile's timestamps. */
const nowMicros = () => Number(process.hrtime.bigint() / 1000n);
const windows: Array<[string, LoadWindow]> = [];
for (const [name, request] of Object.entries(routes)) {
  if (!chosen.includes(name)) continue;
  // Warm-up outside the measured window: the JIT, caches, pools.
  await runLoad(api.url, request, { connections: 50, durationSeconds: 2 });
  const startMicros = nowMicros();
  const result = await runLoad(api.url, request, { connections: 50, durationSeconds });
  windows.push([name, { startMicros, endMicros: nowMicros(), requests: result.requests }]);
  console.error(`${name}: ${result.requestsPerSecond} req/s (non-2xx ${result.non2xx})`);
}

await api.stop();
await dropBenchDatabase(mongo, masterDbName);

const profile = readdirSync(profileDir).find((file) => file.endsWith('.cpuprofile'));
if (!profile) throw new Error(`no .cpuprofile written in ${profileDir}`);
const file = join(profileDir, profile);
const table = (entries: CostEntry[]) =>
  entries.map((e) => `| ${e.microsPerRequest.toFixed(2)} | \`${e.name}\` |`).join('\n');
console.log(`Profile: ${file}`);
for (const [name, window] of windows) {
  const cost = costPerRequest(file, window, top);
  console.log(`\n### ${name}: ${cost.sampledMicrosPerRequest.toFixed(1)} µs sampled per request (idle included)\n`);
  console.log(`| µs/request | function (self) |\n|---:|---|\n${table(cost.functions)}\n`);
  console.log(`| µs/request | package (self) |\n|---:|---|\n${table(cost.packages.slice(0, 15))}`);
}
if (process.env.PROFILE_INCLUSIVE) {
  const entries = topInclusiveTime(file, Number(process.env.PROFILE_INCLUSIVE));
  console.log(`\n| incl. | function (whole profile) |\n|---:|---|`);
  console.log(entries.map((e) => `| ${e.selfPercent.toFixed(1)}% | \`${e.name}\` |`).join('\n'));
}
