/**
 * `pnpm bench`: throughput and latency of the hot paths against a real API process
 * and the real local database (provisioned like `pnpm dev`; MONGO_URI to use another),
 * compared with a bare Fastify route in a process of its own (bench/reference-server.ts),
 * and logins with raw argon2id verifies on as many hashing threads. Writes bench/results/.
 *
 *   BENCH_DURATION=10 BENCH_WARMUP=3 BENCH_CONNECTIONS=50 BENCH_ROUNDS=3 BENCH_TENANTS=100,1000,10000 pnpm bench
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

import { createPasswordHasher, limitPasswordHasher, owaspArgon2idCost } from '@orgsphere/core';
import { resolveMongo } from '@orgsphere/db/local-server';
import { MongoClient } from 'mongodb';

import { benchApiEnv } from './api-env.js';
import { startBareReference, startBenchApi } from './api-server.js';
import { median } from './median.js';
import { runLoad, type LoadRequest, type LoadResult } from './load.js';
import {
  healthProbeRate,
  toMarkdown,
  type BenchReport,
  type LoginReport,
  type ScaleReport,
  type ScenarioReport,
} from './report.js';
import { seededTenantPassword, seedTenants, type SeededTenant } from './seed-tenants.js';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 3);
/** `scale` skips the throughput scenarios (growth alone); `throughput` keeps one small scale step. */
const phases = new Set((process.env.BENCH_PHASES ?? 'throughput,scale').split(','));
const tenantSteps = phases.has('scale')
  ? (process.env.BENCH_TENANTS ?? '100,1000,10000').split(',').map(Number)
  : [100];
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const startedAt = new Date();
const runId = startedAt.getTime().toString(36);
const log = (line: string) =>
  console.error(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)}s] ${line}`);

const mongo = await resolveMongo({
  ...(process.env.MONGO_URI ? { mongoUri: process.env.MONGO_URI } : {}),
  log: (line) => log(`db: ${line}`),
});
const masterDbName = `bench_${runId}`;
const apiEnv = {
  ...benchApiEnv(mongo, masterDbName),
  BENCH_REFERENCE_ROUTE: '1',
  // CACHE_TTL_MS=0 measures without the in-process cache (the before figures).
  ...(process.env.CACHE_TTL_MS ? { CACHE_TTL_MS: process.env.CACHE_TTL_MS } : {}),
};
const api = await startBenchApi(apiEnv);
const bareReference = await startBareReference();
const inspector = new MongoClient(mongo.uri);
await inspector.connect();
const db = inspector.db(masterDbName);

const post = async (path: string, body: unknown, token?: string) => {
  const response = await fetch(`${api.url}${path}`, {
    method: path === '/org/update' ? 'PUT' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
};

let unique = 0;
const next = () => `${runId}${(unique += 1).toString(36)}`;
const newOrg = () => {
  const suffix = next();
  return {
    organization_name: `Bench ${suffix}`,
    email: `admin.${suffix}@bench.test`,
    password: `Bench-${suffix}-pass`,
  };
};

const main = newOrg();
await post('/org/create', main);
const { access_token: token } = await post('/admin/login', { email: main.email, password: main.password });
const orgQuery = encodeURIComponent(main.organization_name);

// A member of the main organization (invited, then accepted): the protected read runs as them.
const memberEmail = `member.${next()}@bench.test`;
const invitation = await post('/invitations', { email: memberEmail, role: 'member' }, String(token));
const memberTokens = await post('/invitations/accept', {
  token: new URL(String(invitation.accept_link)).searchParams.get('token'),
  display_name: 'Bench member',
  password: 'Bench-member-pass',
});

/** A load, against the API unless `url` names another server (the bare reference). */
type Scenario = LoadRequest & { url?: string };
const scenarios: Record<string, Scenario> = {
  'reference (bare Fastify, own process)': { method: 'GET', path: '/__bench/reference', url: bareReference.url },
  'reference behind the pipeline': { method: 'GET', path: '/__bench/reference' },
  '/health': { method: 'GET', path: '/health' },
  'org.get tRPC': {
    method: 'GET',
    path: `/trpc/org.get?input=${encodeURIComponent(JSON.stringify({ organization_name: main.organization_name }))}`,
  },
  'org.get REST': { method: 'GET', path: `/org/get?organization_name=${orgQuery}` },
  // Authentication plus the membership check (token, session, user, organization, role), all cached.
  'me.get REST (member)': {
    method: 'GET',
    path: '/me',
    headers: { authorization: `Bearer ${String(memberTokens.access_token)}` },
  },
  'admin.login': { method: 'POST', path: '/admin/login', body: { email: main.email, password: main.password } },
  'org.create': { method: 'POST', path: '/org/create', makeBody: newOrg },
  'org.update (email)': {
    method: 'PUT',
    path: '/org/update',
    headers: { authorization: `Bearer ${String(token)}` },
    makeBody: () => ({ organization_name: main.organization_name, email: `admin.${next()}@bench.test` }),
  },
};

const load = (request: Scenario, seconds = durationSeconds, conns = connections) =>
  runLoad(request.url ?? api.url, request, { connections: conns, durationSeconds: seconds });

log(`API ${api.url}, bare reference ${bareReference.url}, database ${mongo.kind}; warming up`);
for (const name of [
  'reference (bare Fastify, own process)',
  'reference behind the pipeline',
  '/health',
  'org.get tRPC',
  'org.get REST',
  'me.get REST (member)',
])
  await load(scenarios[name]!, warmupSeconds);
const rssAfterWarmupMiB = api.rssMiB();

/**
 * The bare reference and the routes compared with it run in rounds, each route between two
 * runs of the reference; each ratio is the median of its per-round ratios.
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const comparedNames = [
  'reference (bare Fastify, own process)',
  'reference behind the pipeline',
  '/health',
  'org.get tRPC',
  'org.get REST',
  'me.get REST (member)',
];
const medianOf = (runs: LoadResult[]): LoadResult => ({
  requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
  latencyMs: {
    p50: median(runs.map((r) => r.latencyMs.p50)),
    p99: median(runs.map((r) => r.latencyMs.p99)),
    max: Math.max(...runs.map((r) => r.latencyMs.max)),
    mean: median(runs.map((r) => r.latencyMs.mean)),
  },
  requests: runs.reduce((sum, r) => sum + r.requests, 0),
  errors: runs.reduce((sum, r) => sum + r.errors, 0),
  timeouts: runs.reduce((sum, r) => sum + r.timeouts, 0),
  non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
  serverErrors: runs.reduce((sum, r) => sum + r.serverErrors, 0),
});

/** As services.ts sizes the API's password-hash limiter: one core stays free for the event loop. */
const hashingThreads = Math.max(1, availableParallelism() - 1);
const loginPasswordHash = await createPasswordHasher(owaspArgon2idCost).hash(main.password);

/** Raw argon2id verifies/s: `connections` callers through a limiter of `hashingThreads`, like the API's logins. */
const measureVerifyRate = async (seconds: number) => {
  const hasher = limitPasswordHasher(createPasswordHasher(owaspArgon2idCost), hashingThreads);
  const deadline = performance.now() + seconds * 1000;
  let verified = 0;
  const caller = async () => {
    while (performance.now() < deadline) {
      if (!(await hasher.verify(loginPasswordHash, main.password)))
        throw new Error('argon2id verify of the bench password failed');
      verified += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, caller));
  return verified / ((performance.now() - started) / 1000);
};

/** Sums over the API's /metrics: every database command, and the seconds spent in argon2id verifies. */
const loginCounters = async () => {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1]), 0);
  return {
    dbCommands: sum(/^orgsphere_db_command_duration_seconds_count\{[^}]*\} (\S+)$/gm),
    verifySeconds: sum(/^orgsphere_password_hash_duration_seconds_sum\{operation="verify"\} (\S+)$/gm),
  };
};

const results: ScenarioReport[] = [];
let healthUnderLoginLoad: LoadResult | undefined;
let login: LoginReport | undefined;
if (phases.has('throughput')) {
  // The machine's speed moves by a third within seconds: a reference run a minute away adds that drift.
  const [referenceName, ...routeNames] = comparedNames as [string, ...string[]];
  const referenceRuns: LoadResult[] = [];
  const runsOf = new Map(routeNames.map((name) => [name, [] as LoadResult[]]));
  const ratiosOf = new Map(routeNames.map((name) => [name, [] as number[]]));
  for (let round = 1; round <= rounds; round += 1) {
    log(`${referenceName} (round ${round} of ${rounds})`);
    let before = await load(scenarios[referenceName]!);
    referenceRuns.push(before);
    for (const name of routeNames) {
      log(`${name} (round ${round} of ${rounds}), then the reference again`);
      const run = await load(scenarios[name]!);
      const after = await load(scenarios[referenceName]!);
      referenceRuns.push(after);
      runsOf.get(name)!.push(run);
      ratiosOf.get(name)!.push((2 * run.requestsPerSecond) / (before.requestsPerSecond + after.requestsPerSecond));
      before = after;
    }
  }
  results.push({
    ...medianOf(referenceRuns),
    name: referenceName,
    ratioToReference: null,
    ratioRange: null,
    rssAfterMiB: api.rssMiB(),
  });
  for (const name of routeNames) {
    const ratios = ratiosOf.get(name)!;
    results.push({
      ...medianOf(runsOf.get(name)!),
      name,
      ratioToReference: Number(median(ratios).toFixed(3)),
      ratioRange: [Number(Math.min(...ratios).toFixed(3)), Number(Math.max(...ratios).toFixed(3))],
      rssAfterMiB: api.rssMiB(),
    });
  }
  const reference = results[0]!.requestsPerSecond;
  // Logins and raw verifies alternate too; the login ratio is the median of the per-round ratios.
  const loginRuns: LoadResult[] = [];
  const verifyRates: number[] = [];
  const before = { metrics: await loginCounters(), cpu: api.cpuSeconds() };
  for (let round = 1; round <= rounds; round += 1) {
    log(`argon2id verify (raw, ${hashingThreads} threads), admin.login (round ${round} of ${rounds})`);
    verifyRates.push(await measureVerifyRate(durationSeconds));
    // Event-loop check: /health, paced, while logins saturate the CPU. (An unpaced probe would
    // answer thousands a second and take the core the hashing thread needs, as the raw verifies
    // never have to share it.)
    let loginRun: LoadResult;
    [loginRun, healthUnderLoginLoad] = await Promise.all([
      load(scenarios['admin.login']!),
      runLoad(
        api.url,
        { method: 'GET', path: '/health' },
        { connections: 1, durationSeconds, overallRate: healthProbeRate },
      ),
    ]);
    loginRuns.push(loginRun);
  }
  const after = { metrics: await loginCounters(), cpu: api.cpuSeconds() };
  const logins = Math.max(
    1,
    loginRuns.reduce((sum, run) => sum + run.requests, 0),
  );
  const loginRatios = loginRuns.map((run, round) => run.requestsPerSecond / verifyRates[round]!);
  login = {
    hashingThreads,
    verifiesPerSecond: Number(median(verifyRates).toFixed(1)),
    ratioToVerifies: Number(median(loginRatios).toFixed(3)),
    ratioRange: [Number(Math.min(...loginRatios).toFixed(3)), Number(Math.max(...loginRatios).toFixed(3))],
    // The probes' few database commands (none: /health reads no database) and CPU are left in; they are small.
    dbCommandsPerLogin: Number(((after.metrics.dbCommands - before.metrics.dbCommands) / logins).toFixed(2)),
    verifyMsPerLogin: Number(
      (((after.metrics.verifySeconds - before.metrics.verifySeconds) * 1000) / logins).toFixed(2),
    ),
    apiCpuMsPerLogin: Number((((after.cpu - before.cpu) * 1000) / logins).toFixed(2)),
  };
  const loginResult = medianOf(loginRuns);
  results.push({
    ...loginResult,
    name: 'admin.login',
    ratioToReference: Number((loginResult.requestsPerSecond / reference).toFixed(3)),
    ratioRange: null,
    rssAfterMiB: api.rssMiB(),
  });
  for (const [name, request] of Object.entries(scenarios).filter(
    ([name]) => !comparedNames.includes(name) && name !== 'admin.login',
  )) {
    log(`${name}`);
    const result = await load(request);
    const ratioToReference = Number((result.requestsPerSecond / reference).toFixed(3));
    results.push({ ...result, name, ratioToReference, ratioRange: null, rssAfterMiB: api.rssMiB() });
  }
}

/** Median latency of one-at-a-time reads of tenants nobody has read yet. */
const timeFirstReads = async (names: string[]) => {
  const times: number[] = [];
  for (const name of new Set(names)) {
    const started = performance.now();
    await fetch(`${api.url}/org/get?organization_name=${encodeURIComponent(name)}`).then((r) => r.arrayBuffer());
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(1));
};

const medianMs = (times: number[]) => Number(median(times).toFixed(1));

/** Median latency of one-at-a-time reads of names nobody holds: a lookup by slug that finds nothing. */
const timeUnknownNameReads = async (count: number) => {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await fetch(`${api.url}/org/get?organization_name=${encodeURIComponent(`Unknown ${next()}`)}`);
    await response.arrayBuffer();
    if (response.status !== 404) throw new Error(`org.get of an unknown name answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return medianMs(times);
};

/** Median latency of one-at-a-time first logins of seeded admins (a lookup by email, argon2 included). */
const timeFirstLogins = async (tenants: SeededTenant[]) => {
  const times: number[] = [];
  for (const tenant of tenants) {
    const started = performance.now();
    await post('/admin/login', { email: tenant.email, password: seededTenantPassword });
    times.push(performance.now() - started);
  }
  return medianMs(times);
};

/** Median time from spawning a fresh API process on this database to its first answer. */
const timeStartUps = async (count: number) => {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const fresh = await startBenchApi(apiEnv);
    times.push(fresh.startUpMs);
    await fresh.stop();
  }
  return medianMs(times);
};

/** Median latency of creates made one at a time (no queueing behind other creates). */
const timeSingleCreates = async (count: number) => {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await post('/org/create', newOrg());
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(1));
};

// Scale: grow to each tenant count, then measure reads of random tenants and creates.
const passwordHash = await createPasswordHasher(owaspArgon2idCost).hash(seededTenantPassword);
const seeded: SeededTenant[] = [];
const sampledTenantCount = 50;
const scale: ScaleReport[] = [];
for (const tenants of tenantSteps) {
  const existing = await db.collection('organizations').countDocuments();
  // The throughput phase's creates may already exceed the first step; the samples below need
  // seeded tenants (whose admin password is known) all the same.
  const missing = Math.max(tenants - existing, sampledTenantCount - seeded.length);
  if (missing > 0) {
    log(`seeding ${missing} tenants (to ${existing + missing})`);
    seeded.push(...(await seedTenants(db, { from: seeded.length, to: seeded.length + missing, passwordHash, runId })));
  }
  log(`scale ${tenants}: cache misses, logins, start-up, org.get, org.create`);
  // Reads spread over 50 tenants drawn from all of them; their first reads (cache misses) are timed apart.
  const sampleTenants = Array.from(
    { length: sampledTenantCount },
    () => seeded[Math.floor(Math.random() * seeded.length)],
  );
  const sample = sampleTenants.map((tenant) => tenant?.name ?? main.organization_name);
  const coldGetMs = await timeFirstReads(sample.slice(0, 20));
  await timeFirstReads(sample.slice(20));
  const unknownNameGetMs = await timeUnknownNameReads(20);
  const loginMs = await timeFirstLogins(sampleTenants.slice(0, 10).filter((tenant) => tenant !== undefined));
  const startUpMs = await timeStartUps(3);
  const singleCreateMs = await timeSingleCreates(5);
  const sampledTenant = () =>
    `/org/get?organization_name=${encodeURIComponent(sample[Math.floor(Math.random() * sample.length)]!)}`;
  const get = await load({ method: 'GET', path: '/org/get', makePath: sampledTenant }, 5, 10);
  const create = await load(scenarios['org.create']!, 5, 4);
  scale.push({ tenants, get, create, coldGetMs, unknownNameGetMs, loginMs, startUpMs, singleCreateMs });
}
const first = scale[0]!;
const last = scale.at(-1)!;
// autocannon reports whole milliseconds: below 1 ms counts as 1 ms, so a ratio never divides by 0.
const growth = (a: number, b: number) => Number((Math.max(b, 1) / Math.max(a, 1)).toFixed(2));

const report: BenchReport = {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version, database: mongo.kind },
  settings: { connections, durationSeconds, warmupSeconds, rounds },
  rssAfterWarmupMiB: Number(rssAfterWarmupMiB.toFixed(1)),
  scenarios: results,
  ...(login ? { login } : {}),
  healthUnderLoginLoad: healthUnderLoginLoad ?? (await load({ method: 'GET', path: '/health' }, 1, 1)),
  scale,
  scaleGrowth: {
    getP50: growth(first.get.latencyMs.p50, last.get.latencyMs.p50),
    getMean: growth(first.get.latencyMs.mean, last.get.latencyMs.mean),
    getP99: growth(first.get.latencyMs.p99, last.get.latencyMs.p99),
    firstRead: growth(first.coldGetMs, last.coldGetMs),
    unknownNameRead: growth(first.unknownNameGetMs, last.unknownNameGetMs),
    login: growth(first.loginMs, last.loginMs),
    startUp: growth(first.startUpMs, last.startUpMs),
    createP50: growth(first.create.latencyMs.p50, last.create.latencyMs.p50),
    createMean: growth(first.create.latencyMs.mean, last.create.latencyMs.mean),
    createP99: growth(first.create.latencyMs.p99, last.create.latencyMs.p99),
    createAlone: growth(first.singleCreateMs, last.singleCreateMs),
  },
  serverErrors: [
    ...results,
    ...(healthUnderLoginLoad ? [healthUnderLoginLoad] : []),
    ...scale.flatMap((s) => [s.get, s.create]),
  ].reduce((sum, r) => sum + r.serverErrors, 0),
};

mkdirSync(resultsDir, { recursive: true });
const stamp = startedAt.toISOString().replaceAll(':', '-').slice(0, 19);
writeFileSync(`${resultsDir}bench-${stamp}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${resultsDir}bench-${stamp}.md`, toMarkdown(report));
console.log(toMarkdown(report));
log(`results in ${resultsDir}bench-${stamp}.{json,md}`);

await api.stop();
await bareReference.stop();
await db.dropDatabase().catch(() => undefined);
await inspector.close();
await mongo.stop();
process.exit(report.serverErrors > 0 ? 1 : 0);
