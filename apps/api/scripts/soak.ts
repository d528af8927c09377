/**
 * Soak test: runs mixed traffic against a real API process for a while and reports
 * responses by status and the API's memory over time. Not part of CI.
 *
 *   pnpm soak                 # 10 minutes, 20 concurrent clients, local database
 *   SOAK_MINUTES=1 SOAK_CONCURRENCY=8 pnpm soak
 */
import { readFileSync } from 'node:fs';

import { resolveMongo } from '@orgsphere/db/local-server';

import { startApiProcess } from '../src/testing/api-process.js';
import { restClient, uniqueOrg } from '../test/rest-helpers.js';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const concurrency = Number(process.env.SOAK_CONCURRENCY ?? 20);
const mongo = await resolveMongo({ ...(process.env.MONGO_URI ? { mongoUri: process.env.MONGO_URI } : {}) });
const api = await startApiProcess({
  MONGO_URI: mongo.uri,
  MASTER_DB_NAME: `soak_${Date.now().toString(36)}`,
  RATE_LIMIT_MAX: '1000000',
  LOGIN_MAX_ATTEMPTS_PER_IP: '1000000',
});
const client = restClient(api.url);

const rssMiB = () => {
  const status = readFileSync(`/proc/${api.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

const statuses = new Map<string, number>();
const count = (label: string, status: number) => {
  const key = `${label} ${status}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
};

/** One client's life: create an org, then read, log in, refresh, rename, sometimes delete and start over. */
const worker = async (id: number, until: number) => {
  while (Date.now() < until) {
    const org = uniqueOrg(`Soak${id}`);
    const created = await client.createOrg(org);
    count('create', created.status);
    if (created.status !== 201) continue;
    let name = org.organization_name;
    const login = await client.login({ email: org.email, password: org.password });
    count('login', login.status);
    let token = login.body?.access_token as string;
    let refresh = login.body?.refresh_token as string;
    for (let round = 0; round < 20 && Date.now() < until; round += 1) {
      count('get', (await client.getOrg(name)).status);
      count('get-missing', (await client.getOrg(`${name} missing`)).status);
      count('bad-login', (await client.login({ email: org.email, password: 'wrong-password' })).status);
      if (round % 5 === 4) {
        const renamed = await client.updateOrg(
          { organization_name: name, new_organization_name: `${org.organization_name} r${round}` },
          token,
        );
        count('rename', renamed.status);
        if (renamed.status === 200) name = renamed.body.organization_name;
        const refreshed = await client.send('POST', '/admin/refresh', { body: { refresh_token: refresh } });
        count('refresh', refreshed.status);
        if (refreshed.status === 200) ({ access_token: token, refresh_token: refresh } = refreshed.body);
      }
    }
    count('delete', (await client.deleteOrg(name, token)).status);
  }
};

const started = Date.now();
const until = started + minutes * 60_000;
const memory: { minute: number; rssMiB: number }[] = [{ minute: 0, rssMiB: rssMiB() }];
const sampler = setInterval(() => memory.push({ minute: (Date.now() - started) / 60_000, rssMiB: rssMiB() }), 30_000);
console.error(`soaking for ${minutes} min with ${concurrency} clients against ${api.url} ...`);
await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i, until)));
clearInterval(sampler);
memory.push({ minute: (Date.now() - started) / 60_000, rssMiB: rssMiB() });

const total = [...statuses.values()].reduce((a, b) => a + b, 0);
const fivexx = [...statuses].filter(([key]) => / 5\d\d$/.test(key)).reduce((a, [, n]) => a + n, 0);
const afterWarmup = memory.find((m) => m.minute >= 1) ?? memory[0]!;
console.log(
  JSON.stringify(
    {
      minutes,
      concurrency,
      requests: total,
      requestsPerSecond: Math.round(total / ((Date.now() - started) / 1000)),
      responsesByStatus: Object.fromEntries([...statuses].sort()),
      serverErrors: fivexx,
      rssMiB: memory.map((m) => ({ minute: Number(m.minute.toFixed(1)), rss: Number(m.rssMiB.toFixed(1)) })),
      rssGrowthAfterFirstMinuteMiB: Number((memory.at(-1)!.rssMiB - afterWarmup.rssMiB).toFixed(1)),
    },
    null,
    2,
  ),
);
await api.kill('SIGTERM');
await mongo.stop();
process.exit(fivexx > 0 ? 1 : 0);
