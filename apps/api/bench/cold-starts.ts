/**
 * `pnpm bench:cold-starts`: fresh API processes (the production bundle), each put under load
 * from its first request, alternating between V8's allocation-site pretenuring off (as shipped,
 * src/runtime-tuning.ts) and on (`--allocation-site-pretenuring`, V8's default). After the cold
 * load, `org.get` REST and `/health` are measured: req/s, and CPU per request on the main thread
 * and on the process's other threads (V8's parallel and concurrent GC). A process whose
 * request-scoped allocation sites were pretenured shows it there for the rest of its life.
 *
 *   COLD_STARTS=6 COLD_DURATION=5 pnpm bench:cold-starts
 */
import { resolveMongo } from '@orgsphere/db/local-server';

import { dropBenchDatabase } from './clean-up.js';
import { benchApiEnv } from './api-env.js';
import { median } from './median.js';
import { startBenchApi, type BenchApi } from './api-server.js';
import { runLoad, type LoadRequest } from './load.js';

const starts = Number(process.env.COLD_STARTS ?? 6);
const durationSeconds = Number(process.env.COLD_DURATION ?? 5);
const connections = 50;
const runId = Date.now().toString(36);

const mongo = await resolveMongo({
  ...(process.env.MONGO_URI ? { mongoUri: process.env.MONGO_URI } : {}),
  log: (line) => console.error(`db: ${line}`),
});
const masterDbName = `cold_${runId}`;
const env = benchApiEnv(mongo, masterDbName);
const variants: Array<[string, string[]]> = [
  ['pretenuring off (as shipped)', []],
  ["pretenuring on (V8's default)", ['--allocation-site-pretenuring']],
];

// One organization, made by a process that is then stopped: every measured process starts with empty caches.
const organization = {
  organization_name: `Cold ${runId}`,
  email: `admin.${runId}@cold.test`,
  password: `Cold-${runId}-pass`,
};
const maker = await startBenchApi(env);
const created = await fetch(`${maker.url}/org/create`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(organization),
});
if (created.status !== 201) throw new Error(`org.create answered ${created.status}`);
await maker.stop();

const rest: LoadRequest = {
  method: 'GET',
  path: `/org/get?organization_name=${encodeURIComponent(organization.organization_name)}`,
};
const health: LoadRequest = { method: 'GET', path: '/health' };

type Measure = { requestsPerSecond: number; mainMicros: number; otherThreadsMicros: number };
const measure = async (api: BenchApi, request: LoadRequest): Promise<Measure> => {
  const before = api.threadCpuSeconds();
  const result = await runLoad(api.url, request, { connections, durationSeconds });
  const after = api.threadCpuSeconds();
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${request.path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const perRequest = (seconds: number) => (seconds * 1e6) / Math.max(1, result.requests);
  return {
    requestsPerSecond: result.requestsPerSecond,
    mainMicros: perRequest(after.main - before.main),
    otherThreadsMicros: perRequest(after.others - before.others),
  };
};

const runs: Array<{ variant: string; cold: Measure; rest: Measure; health: Measure }> = [];
console.log(
  '| start | variant | cold org.get REST req/s | org.get REST req/s | main µs/req | other threads µs/req | /health req/s | main µs/req | other threads µs/req |',
);
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (let start = 0; start < starts; start += 1) {
  // The order flips every start, so the machine's drift hits both alike.
  for (const [variant, nodeArgs] of start % 2 === 0 ? variants : [...variants].reverse()) {
    const api = await startBenchApi(env, nodeArgs);
    const run = {
      variant,
      cold: await measure(api, rest),
      rest: await measure(api, rest),
      health: await measure(api, health),
    };
    await api.stop();
    runs.push(run);
    const cells = (m: Measure) => [m.requestsPerSecond, m.mainMicros.toFixed(1), m.otherThreadsMicros.toFixed(1)];
    console.log(
      `| ${start + 1} | ${variant} | ${run.cold.requestsPerSecond} | ${[...cells(run.rest), ...cells(run.health)].join(' | ')} |`,
    );
  }
}

console.log(
  '\n| variant | org.get REST req/s, median (lowest) | its other threads µs/req, median (highest) | /health req/s, median (lowest) | its other threads µs/req, median (highest) |',
);
console.log('|---|---:|---:|---:|---:|');
for (const [variant] of variants) {
  const mine = runs.filter((run) => run.variant === variant);
  const summary = (pick: (run: (typeof runs)[number]) => Measure) => {
    const rates = mine.map((run) => pick(run).requestsPerSecond);
    const others = mine.map((run) => pick(run).otherThreadsMicros);
    return `${median(rates)} (${Math.min(...rates)}) | ${median(others).toFixed(1)} (${Math.max(...others).toFixed(1)})`;
  };
  console.log(`| ${variant} | ${summary((run) => run.rest)} | ${summary((run) => run.health)} |`);
}

await dropBenchDatabase(mongo, masterDbName);
