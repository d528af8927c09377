/**
 * `pnpm bench:compare`: two builds of the API side by side, for measuring one change. The
 * base build (COMPARE_BASE, a copy of an earlier dist/, relative to apps/api) and the current
 * dist/server.js (or COMPARE_CURRENT) run as two processes on one database, and each scenario alternates between
 * them in every round (the order flips each round), so the machine's drift hits both alike.
 * Prints each scenario's req/s and the API process's CPU time per request per round, and the
 * medians of current/base: CPU per request moves much less than req/s when other work shares
 * the machine. Each build has its own master database, so builds with different data models
 * (and migrations) can be compared; each gets the same organization.
 *
 *   cp -r dist .cache/bench-base   # before the change
 *   COMPARE_DURATION=4 COMPARE_ROUNDS=3 COMPARE_SCENARIOS=health,rest,trpc,login pnpm bench:compare
 */
import { resolveMongo } from '@orgsphere/db/local-server';

import { dropBenchDatabase } from './clean-up.js';
import { benchApiEnv } from './api-env.js';
import { median } from './median.js';
import { startBenchApi, type BenchApi } from './api-server.js';
import { runLoad, type LoadRequest } from './load.js';

const basePath = process.env.COMPARE_BASE ?? '.cache/bench-base/server.js';
const currentPath = process.env.COMPARE_CURRENT ?? 'dist/server.js';
const durationSeconds = Number(process.env.COMPARE_DURATION ?? 4);
const rounds = Number(process.env.COMPARE_ROUNDS ?? 3);
const wanted = new Set((process.env.COMPARE_SCENARIOS ?? 'health,rest,trpc,login').split(','));
const runId = Date.now().toString(36);

const mongo = await resolveMongo({
  ...(process.env.MONGO_URI ? { mongoUri: process.env.MONGO_URI } : {}),
  log: (line) => console.error(`db: ${line}`),
});
const masterDbNames = { base: `compare_${runId}_base`, current: `compare_${runId}_current` };
const builds: Array<[string, BenchApi]> = [
  ['base', await startBenchApi(benchApiEnv(mongo, masterDbNames.base), [], basePath)],
  ['current', await startBenchApi(benchApiEnv(mongo, masterDbNames.current), [], currentPath)],
];

const organization = {
  organization_name: `Compare ${runId}`,
  email: `admin.${runId}@compare.test`,
  password: `Compare-${runId}-pass`,
};
for (const [label, api] of builds) {
  const created = await fetch(`${api.url}/org/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(organization),
  });
  if (created.status !== 201) throw new Error(`org.create on ${label} answered ${created.status}`);
}

const name = encodeURIComponent(organization.organization_name);
const scenarios: Record<string, LoadRequest & { connections: number }> = {
  health: { method: 'GET', path: '/health', connections: 50 },
  rest: { method: 'GET', path: `/org/get?organization_name=${name}`, connections: 50 },
  trpc: {
    method: 'GET',
    path: `/trpc/org.get?input=${encodeURIComponent(JSON.stringify({ organization_name: organization.organization_name }))}`,
    connections: 50,
  },
  login: {
    method: 'POST',
    path: '/admin/login',
    body: { email: organization.email, password: organization.password },
    connections: 50,
  },
};

type Pair = { base: number; current: number; baseCpu: number; currentCpu: number };
const perRound = new Map<string, Pair[]>();
for (let round = 1; round <= rounds; round += 1) {
  const order = round % 2 === 1 ? builds : [...builds].reverse();
  for (const [scenario, request] of Object.entries(scenarios).filter(([key]) => wanted.has(key))) {
    const rates: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    for (const [label, api] of order) {
      const cpuBefore = api.cpuSeconds();
      const result = await runLoad(api.url, request, { connections: request.connections, durationSeconds });
      if (result.non2xx > 0 || result.errors > 0)
        console.error(`${scenario} ${label}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      rates[label] = result.requestsPerSecond;
      cpu[label] = ((api.cpuSeconds() - cpuBefore) * 1e6) / Math.max(1, result.requests);
    }
    const pair = {
      base: rates.base ?? 0,
      current: rates.current ?? 0,
      baseCpu: cpu.base ?? 0,
      currentCpu: cpu.current ?? 0,
    };
    console.error(
      `round ${round} ${scenario}: base ${pair.base} req/s ${pair.baseCpu.toFixed(0)} µs CPU/req, current ${pair.current} req/s ${pair.currentCpu.toFixed(0)} µs CPU/req`,
    );
    perRound.set(scenario, [...(perRound.get(scenario) ?? []), pair]);
  }
}

const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
const medianAndRange = (ratios: number[]) =>
  `${percent(median(ratios))} (${percent(Math.min(...ratios))}-${percent(Math.max(...ratios))})`;
console.log(
  '| scenario | req/s base / current (medians) | current / base req/s | CPU µs per request base / current | current / base CPU |',
);
console.log('|---|--:|--:|--:|--:|');
for (const [scenario, pairs] of perRound) {
  const rates = `${median(pairs.map((p) => p.base))} / ${median(pairs.map((p) => p.current))}`;
  const cpu = `${median(pairs.map((p) => p.baseCpu)).toFixed(0)} / ${median(pairs.map((p) => p.currentCpu)).toFixed(0)}`;
  console.log(
    `| ${scenario} | ${rates} | ${medianAndRange(pairs.map((p) => p.current / p.base))} | ${cpu} | ${medianAndRange(pairs.map((p) => p.currentCpu / p.baseCpu))} |`,
  );
}

for (const [, api] of builds) await api.stop();
await dropBenchDatabase(mongo, masterDbNames.base, masterDbNames.current);
