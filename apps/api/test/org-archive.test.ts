import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { BSON, MongoClient, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startApiProcess } from '../src/testing/api-process.js';
import type { TestServer } from '../src/testing/index.js';
import { openArena, type Tenant } from './arena.js';
import { createTeam, uniquePerson } from './members/team.js';
import { restClient, uniqueOrg, type RestClient } from './rest-helpers.js';

let server: TestServer;
let api: RestClient;
let tenant: (label?: string) => Promise<Tenant>;

beforeAll(async () => {
  ({ server, api, tenant } = await openArena());
});
afterAll(() => server.close());

const collectionOn = async (rest: RestClient, org: Owner) =>
  (await rest.getOrg(org.organization_name)).body.collection_name as string;
const collectionOf = (org: Owner) => collectionOn(api, org);

/** An organization with its owner logged in, on the given API. */
const tenantOn = async (rest: RestClient, label: string): Promise<Owner> => {
  const org = uniqueOrg(label);
  expect((await rest.createOrg(org)).status).toBe(201);
  const login = await rest.login({ email: org.email, password: org.password });
  return { organization_name: org.organization_name, token: login.body.access_token as string };
};

/**
 * Far below the 100,000-document tenant (about 150 MiB as text, several times that as
 * objects): an API that held the archive, or the tenant, would die of heap exhaustion.
 */
const heapLimitMiB = 64;
const archiveDbName = `test_archive_${Date.now().toString(36)}`;

/** The kernel's high-water mark of the process's resident set (Linux), whatever the timing of GC. */
const peakRssOf = (pid: number | undefined): number | null => {
  if (pid === undefined) return null;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB$/m);
    return line ? Number(line[1]) * 1024 : null;
  } catch {
    return null;
  }
};
const query = (name: string) => `?${new URLSearchParams({ organization_name: name }).toString()}`;

/** One document per index, every BSON type the local server stores, about 1 KB each. */
const mixedDocument = (n: number): Document => ({
  _id: n % 3 === 0 ? new BSON.ObjectId() : n % 3 === 1 ? `doc-${n}` : n,
  int32: new BSON.Int32(n),
  int64: BSON.Long.fromNumber(n * 1_000_003),
  double: new BSON.Double(n + 0.5),
  whole_double: new BSON.Double(n),
  text: `row ${n} ${randomBytes(300).toString('base64')}`,
  flag: n % 2 === 0,
  nothing: null,
  at: new Date(1_700_000_000_000 + n),
  binary: new BSON.Binary(randomBytes(64)),
  uuid: new BSON.Binary(randomBytes(16), BSON.Binary.SUBTYPE_UUID),
  pattern: new BSON.BSONRegExp(`^r${n}`, 'i'),
  stamp: new BSON.Timestamp({ t: 1_700_000 + n, i: n % 7 }),
  nested: { level: { deeper: [n, `s${n}`, { k: new BSON.Int32(n) }] } },
  list: [new BSON.Int32(1), BSON.Long.fromNumber(2), new BSON.Double(3), 'four', null],
});

type Owner = { organization_name: string; token: string };

const exportArchive = (org: Owner, baseUrl = server.url) =>
  fetch(`${baseUrl}/org/export${query(org.organization_name)}`, {
    headers: { authorization: `Bearer ${org.token}` },
  });

const importArchive = (org: Owner, body: RequestInit['body'], type = 'application/gzip', baseUrl = server.url) =>
  fetch(`${baseUrl}/org/import${query(org.organization_name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${org.token}`, 'content-type': type },
    body,
    duplex: 'half',
  });

const canonical = (doc: Document) => BSON.EJSON.stringify(doc, { relaxed: false });

describe('export and import', () => {
  it('round-trips 100,000 documents of mixed BSON types exactly, in an API process whose heap is smaller than the tenant', async () => {
    const total = 100_000;
    const api = await startApiProcess(
      { MONGO_URI: inject('mongoUri'), MASTER_DB_NAME: archiveDbName },
      'src/server.ts',
      { nodeOptions: [`--max-old-space-size=${heapLimitMiB}`] },
    );
    const mongo = new MongoClient(inject('mongoUri'));
    const archiveDb = mongo.db(archiveDbName);
    try {
      const rest = restClient(api.url);
      const source = await tenantOn(rest, 'ExportSource');
      const target = await tenantOn(rest, 'ImportTarget');
      const sourceCollection = archiveDb.collection(await collectionOn(rest, source));
      for (let start = 0; start < total; start += 5_000) {
        const length = Math.min(5_000, total - start);
        await sourceCollection.insertMany(Array.from({ length }, (_, i) => mixedDocument(start + i)));
      }

      const exported = await exportArchive(source, api.url);
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toBe('application/gzip');
      // Piped straight from the export into the import: neither the API nor this test holds the archive.
      const imported = await importArchive(target, exported.body, 'application/gzip', api.url);
      const report = (await imported.json()) as { documents: number };
      expect({ status: imported.status, report }).toEqual({
        status: 200,
        report: { message: `Imported ${total} documents`, documents: total },
      });
      // Still the same process: had it held the tenant, its heap limit would have killed it.
      expect(api.child.exitCode).toBeNull();
      const peakRss = peakRssOf(api.child.pid);

      // Every document equal, compared as canonical Extended JSON (which tells Int32 from Int64 from Double).
      const targetCollection = archiveDb.collection(await collectionOn(rest, target));
      const a = sourceCollection.find({}).sort({ _id: 1 });
      const b = targetCollection.find({}).sort({ _id: 1 });
      let compared = 0;
      let tenantBytes = 0;
      for await (const doc of a) {
        const copy = await b.next();
        const text = canonical(doc);
        tenantBytes += text.length;
        if (copy === null || canonical(copy) !== text) expect(copy && canonical(copy)).toBe(text);
        compared += 1;
      }
      expect(await b.next()).toBeNull();
      expect(compared).toBe(total);
      console.info(
        `archive round trip: tenant ${(tenantBytes / 2 ** 20).toFixed(0)} MiB as EJSON; API process heap limit ${heapLimitMiB} MiB, peak RSS ${peakRss === null ? 'unknown' : `${(peakRss / 2 ** 20).toFixed(0)} MiB`}`,
      );
      // The bound means something only if the tenant, even as compact text, exceeds the heap.
      expect(tenantBytes).toBeGreaterThan(heapLimitMiB * 2 ** 20);
    } finally {
      await api.kill();
      await archiveDb.dropDatabase();
      await mongo.close();
    }
  }, 600_000);

  it('exports the metadata, the members and invitations without hashes, and the audit log ahead of the documents', async () => {
    const team = await createTeam(api, 'Described');
    const org = { organization_name: team.organization_name, token: team.owner.token } as Tenant;
    const pending = uniquePerson('pending');
    expect(
      (
        await api.send('POST', '/invitations', {
          token: team.owner.token,
          body: { email: pending.email, role: 'admin' },
        })
      ).status,
    ).toBe(200);
    await server.db.collection(await collectionOf(org)).insertOne({ _id: 'only' as never, n: new BSON.Int32(1) });
    const response = await exportArchive(org);
    expect(response.status).toBe(200);
    const { gunzipSync } = await import('node:zlib');
    const text = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((line) => BSON.EJSON.parse(line, { relaxed: false }) as Document);
    const kinds = lines.map((entry) => entry.kind as string);
    expect(kinds.slice(0, 5)).toEqual(['header', 'organization', 'member', 'member', 'member']);
    // Two accepted invitations (admin, member) and the pending one.
    expect(kinds.slice(5, 8)).toEqual(['invitation', 'invitation', 'invitation']);
    expect(kinds.slice(8, -1).every((kind) => kind === 'audit')).toBe(true);
    expect(kinds.at(-1)).toBe('document');
    expect(lines[1]!.record.name).toBe(team.organization_name);
    const members = lines.filter((entry) => entry.kind === 'member').map((entry) => entry.record as Document);
    expect(members.map((m) => [m.user_id, m.email, m.role])).toEqual(
      (['owner', 'admin', 'member'] as const).map((role) => [
        team.byRole[role].userId,
        team.byRole[role].email.toLowerCase(),
        role,
      ]),
    );
    for (const member of members)
      expect(Object.keys(member).sort()).toEqual(['display_name', 'email', 'joined_at', 'role', 'user_id']);
    const invitations = lines.filter((entry) => entry.kind === 'invitation').map((entry) => entry.record as Document);
    expect(invitations.map((i) => i.state).sort()).toEqual(['accepted', 'accepted', 'pending']);
    for (const invitation of invitations) expect(invitation).not.toHaveProperty('token_hash');
    // No credential of any kind leaves in an archive.
    expect(text).not.toMatch(/password_hash|token_hash|session_version|\$argon2/);
    expect(lines.at(-1)!.document).toEqual({ _id: 'only', n: new BSON.Int32(1) });

    // Export and import are the owner's: an admin or a member of the same organization gets 403.
    for (const role of ['admin', 'member'] as const) {
      const asRole = { ...org, token: team.byRole[role].token };
      const refused = await exportArchive(asRole);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { data: { appCode: string } }).data.appCode).toBe('FORBIDDEN');
      expect((await importArchive(asRole, Buffer.from(''))).status).toBe(403);
    }
  });

  it('refuses an import into an organization with data (409), a wrong body (400), and other admins (403/401)', async () => {
    const source = await tenant('Refusals');
    const other = await tenant('Stranger');
    await server.db.collection(await collectionOf(source)).insertOne({ n: 1 });
    const archive = Buffer.from(await (await exportArchive(source)).arrayBuffer());

    const notEmpty = await importArchive(source, archive);
    expect(notEmpty.status).toBe(409);
    expect(((await notEmpty.json()) as { data: { appCode: string } }).data.appCode).toBe('ORG_NOT_EMPTY');

    const empty = await tenant('EmptyTarget');
    expect((await importArchive(empty, Buffer.from('not gzip at all'))).status).toBe(400);
    expect((await importArchive(empty, archive, 'application/json')).status).toBe(400);
    const { gzipSync } = await import('node:zlib');
    const garbage = await importArchive(empty, gzipSync('{"kind":"header","format":"something else"}\n'));
    expect(garbage.status).toBe(400);
    expect(await server.db.collection(await collectionOf(empty)).countDocuments()).toBe(0);

    const forbidden = await fetch(`${server.url}/org/export${query(source.organization_name)}`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(forbidden.status).toBe(403);
    expect((await fetch(`${server.url}/org/export${query(source.organization_name)}`)).status).toBe(401);
  });
});
