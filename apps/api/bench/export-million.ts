/**
 * One export of a large tenant (default 1,000,000 documents) from a real API process on the
 * local database: reports the archive's size, the time and the API process's peak RSS
 * (VmHWM, Linux). Not part of the suite: `pnpm --filter @orgsphere/api exec tsx bench/export-million.ts`
 * (EXPORT_DOCUMENTS to change the count, MONGO_URI to use another server).
 */
import { readFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';

import { resolveMongo } from '@orgsphere/db/local-server';
import { BSON, MongoClient, type Document } from 'mongodb';

import { startApiProcess } from '../src/testing/api-process.js';
import { dropBenchDatabase } from './clean-up.js';

const total = Number(process.env.EXPORT_DOCUMENTS ?? 1_000_000);
const log = (line: string) => console.error(`[export-bench] ${line}`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Resident set of a process in bytes: now (VmRSS) and its peak so far (VmHWM). */
const memoryOf = async (pid: number) => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(field)) ?? '')?.[1]) * 1024;
  return { rss: kib('VmRSS:'), peak: kib('VmHWM:') };
};

const mongo = await resolveMongo({
  ...(process.env.MONGO_URI ? { mongoUri: process.env.MONGO_URI } : {}),
  log: (line) => log(`db: ${line}`),
});
const masterDbName = `bench_export_${Date.now().toString(36)}`;
const api = await startApiProcess({ MONGO_URI: mongo.uri, MASTER_DB_NAME: masterDbName });
const inspector = new MongoClient(mongo.uri);
try {
  const pid = api.child.pid!;
  const org = {
    organization_name: `Export Bench ${Date.now().toString(36)}`,
    email: 'bench@example.com',
    password: 'Bench-pass-12345',
  };
  const post = (path: string, body: unknown) =>
    fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const created = (await (await post('/org/create', org)).json()) as { collection_name: string };
  const { access_token: token } = (await (await post('/admin/login', org)).json()) as { access_token: string };

  const tenant = inspector.db(masterDbName).collection<Document>(created.collection_name);
  const seedStart = Date.now();
  for (let start = 0; start < total; start += 10_000) {
    await tenant.insertMany(
      Array.from({ length: Math.min(10_000, total - start) }, (_, i): Document => {
        const n = start + i;
        return {
          _id: n % 2 === 0 ? new BSON.ObjectId() : `doc-${n}`,
          int32: new BSON.Int32(n),
          int64: BSON.Long.fromNumber(n * 1_000_003),
          double: new BSON.Double(n + 0.5),
          at: new Date(1_700_000_000_000 + n),
          text: `row ${n} `.padEnd(200, 'x'),
          nested: { list: [n, `s${n}`, null], flag: n % 3 === 0 },
        };
      }),
    );
    if ((start / 10_000) % 20 === 0) log(`seeded ${start + 10_000}`);
  }
  log(`seeded ${total} documents in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);

  const before = await memoryOf(pid);
  let sampledPeak = before.rss;
  const sampler = setInterval(() => {
    void memoryOf(pid).then((m) => (sampledPeak = Math.max(sampledPeak, m.rss)));
  }, 50);
  const exportStart = Date.now();
  const response = await fetch(
    `${api.url}/org/export?${new URLSearchParams({ organization_name: org.organization_name }).toString()}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}`);
  // Counted as it arrives (gunzipped, lines counted), never held.
  let compressed = 0;
  let documents = 0;
  const counter = Readable.fromWeb(response.body as never).on('data', (chunk: Buffer) => (compressed += chunk.length));
  let rest = '';
  for await (const chunk of counter.pipe(createGunzip())) {
    const lines = (rest + (chunk as Buffer).toString('latin1')).split('\n');
    rest = lines.pop() ?? '';
    for (const text of lines) if (text.startsWith('{"kind":"document"')) documents += 1;
  }
  const seconds = (Date.now() - exportStart) / 1000;
  clearInterval(sampler);
  const after = await memoryOf(pid);
  log(`exported ${documents} documents (${mib(compressed)} gzip) in ${seconds.toFixed(1)} s`);
  log(
    `API process RSS before ${mib(before.rss)}, sampled peak during export ${mib(sampledPeak)}, VmHWM ${mib(after.peak)}`,
  );
  console.info(
    JSON.stringify({
      documents,
      gzipBytes: compressed,
      seconds,
      rssBefore: before.rss,
      rssPeakDuringExport: sampledPeak,
      vmHwm: after.peak,
    }),
  );
  if (documents !== total) process.exitCode = 1;
} finally {
  await api.kill('SIGTERM');
  await inspector.close();
  await dropBenchDatabase(mongo, masterDbName);
}
