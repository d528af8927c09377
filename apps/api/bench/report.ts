import type { LoadResult } from './load.js';

export type ScenarioReport = LoadResult & {
  name: string;
  /** Median of the per-round ratios for the routes run in rounds with the reference. */
  ratioToReference: number | null;
  ratioRange: [number, number] | null;
  rssAfterMiB: number;
};

export type ScaleReport = {
  tenants: number;
  get: LoadResult;
  create: LoadResult;
  /** Median of first (uncached) reads of tenants, one at a time: a lookup by slug that finds one. */
  coldGetMs: number;
  /** Median of reads of names nobody holds, one at a time: a lookup by slug that finds nothing. */
  unknownNameGetMs: number;
  /** Median of first logins of tenants' admins, one at a time: a lookup by email, argon2 included. */
  loginMs: number;
  /** Median time from spawning a fresh API process on the database to its first answer. */
  startUpMs: number;
  /** Median of creates made one at a time. */
  singleCreateMs: number;
};

/** Logins against raw argon2id verifies on the same number of hashing threads, in alternating rounds. */
export type LoginReport = {
  hashingThreads: number;
  verifiesPerSecond: number;
  ratioToVerifies: number;
  ratioRange: [number, number];
  /** Per login, from the API's /metrics and /proc over the login runs: database commands, */
  dbCommandsPerLogin: number;
  /** argon2id time (on the hashing thread), */
  verifyMsPerLogin: number;
  /** and the API process's whole CPU time (hashing thread and event loop). */
  apiCpuMsPerLogin: number;
};

export type BenchReport = {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; node: string; database: string };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number; rounds: number };
  rssAfterWarmupMiB: number;
  scenarios: ScenarioReport[];
  login?: LoginReport;
  healthUnderLoginLoad: LoadResult;
  scale: ScaleReport[];
  /** Largest tenant count over smallest, per latency figure. */
  scaleGrowth: {
    getP50: number;
    getMean: number;
    getP99: number;
    firstRead: number;
    unknownNameRead: number;
    login: number;
    startUp: number;
    createP50: number;
    createMean: number;
    createP99: number;
    createAlone: number;
  };
  serverErrors: number;
};

/** The paced /health probe that runs beside the logins (a saturating one would take the hashing thread's core). */
export const healthProbeRate = 20;

const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);
const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
const ratio = (value: number | null, range: [number, number] | null) =>
  value === null ? '—' : range ? `${percent(value)} (${percent(range[0])}-${percent(range[1])})` : percent(value);

/** The README's table: one row per scenario, then the scale and event-loop checks. */
export const toMarkdown = (report: BenchReport): string => {
  const g = report.scaleGrowth;
  const x = (value: number) => `${value.toFixed(2)}x`;
  const lines = [
    `Run ${report.startedAt} · ${report.machine.cpus} CPUs · Node ${report.machine.node} · database: ${report.machine.database} · ` +
      `${report.settings.connections} connections, ${report.settings.durationSeconds} s per scenario after ${report.settings.warmupSeconds} s warm-up; ` +
      `the bare reference, the in-app reference, /health and org.get in ${report.settings.rounds} rounds, each route between two runs of the bare reference and compared with their mean (medians; ratio range across rounds in brackets)`,
    '',
    '| scenario | req/s | vs reference | p50 ms | p99 ms | max ms | errors | non-2xx | RSS after MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.scenarios.map(
      (s) =>
        `| ${s.name} | ${s.requestsPerSecond} | ${ratio(s.ratioToReference, s.ratioRange)} | ${ms(s.latencyMs.p50)} | ${ms(s.latencyMs.p99)} | ` +
        `${ms(s.latencyMs.max)} | ${s.errors + s.timeouts} | ${s.non2xx} | ${s.rssAfterMiB.toFixed(0)} |`,
    ),
    '',
    ...(report.login
      ? [
          `admin.login against raw argon2id verifies (OWASP cost, ${report.login.hashingThreads} hashing thread(s), in alternating rounds): ` +
            `${report.login.verifiesPerSecond.toFixed(1)} verifies/s, logins at ${ratio(report.login.ratioToVerifies, report.login.ratioRange)} of that rate. ` +
            `Per login: ${report.login.dbCommandsPerLogin.toFixed(1)} database commands, ${ms(report.login.verifyMsPerLogin)} ms of argon2id, ` +
            `${ms(report.login.apiCpuMsPerLogin)} ms of the API's CPU in all.`,
          '',
        ]
      : []),
    `RSS after warm-up: ${report.rssAfterWarmupMiB.toFixed(0)} MiB. ` +
      `/health (${healthProbeRate} req/s) while logins saturate the CPU: p50 ${ms(report.healthUnderLoginLoad.latencyMs.p50)} ms, ` +
      `p99 ${ms(report.healthUnderLoginLoad.latencyMs.p99)} ms, max ${ms(report.healthUnderLoginLoad.latencyMs.max)} ms.`,
    '',
    '| tenants | org.get req/s | org.get p50 / mean / p99 ms | org.create req/s | org.create p50 / mean / p99 ms | one create alone ms |',
    '|---:|---:|---:|---:|---:|---:|',
    ...report.scale.map(
      (s) =>
        `| ${s.tenants} | ${s.get.requestsPerSecond} | ${ms(s.get.latencyMs.p50)} / ${ms(s.get.latencyMs.mean)} / ${ms(s.get.latencyMs.p99)} | ` +
        `${s.create.requestsPerSecond} | ${ms(s.create.latencyMs.p50)} / ${ms(s.create.latencyMs.mean)} / ${ms(s.create.latencyMs.p99)} | ${ms(s.singleCreateMs)} |`,
    ),
    '',
    '| tenants | first read of a tenant (by slug, uncached) ms | read of an unknown name ms | first login of a tenant admin (by email) ms | API start-up ms |',
    '|---:|---:|---:|---:|---:|',
    ...report.scale.map(
      (s) =>
        `| ${s.tenants} | ${ms(s.coldGetMs)} | ${ms(s.unknownNameGetMs)} | ${ms(s.loginMs)} | ${ms(s.startUpMs)} |`,
    ),
    '',
    `Growth from ${report.scale[0]?.tenants ?? 0} to ${report.scale.at(-1)?.tenants ?? 0} tenants (largest over smallest): org.get p50 ${x(g.getP50)}, mean ${x(g.getMean)}, p99 ${x(g.getP99)}, ` +
      `first read ${x(g.firstRead)}, unknown name ${x(g.unknownNameRead)}; first login ${x(g.login)}; API start-up ${x(g.startUp)}; org.create alone ${x(g.createAlone)}, at 4 connections p50 ${x(g.createP50)}, ` +
      `mean ${x(g.createMean)}, p99 ${x(g.createP99)}. Server errors (5xx) in all scenarios: ${report.serverErrors}.`,
  ];
  return `${lines.join('\n')}\n`;
};
