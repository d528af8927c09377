import { randomBytes } from 'node:crypto';

import { BSON, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestServer } from '../src/testing/index.js';
import { openArena, type Tenant } from './arena.js';
import { createTeam, uniquePerson } from './members/team.js';
import { type RestClient } from './rest-helpers.js';

let server: TestServer;
let api: RestClient;
let tenant: (label?: string) => Promise<Tenant>;

beforeAll(async () => {
  ({ server, api, tenant } = await openArena());
});
afterAll(() => server.close());

const collectionOf = async (org: Tenant) => (await api.getOrg(org.organization_name)).body.collection_name as string;
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

const exportArchive = (org: Tenant) =>
  fetch(`${server.url}/org/export${query(org.organization_name)}`, {
    headers: { authorization: `Bearer ${org.token}` },
  });

const importArchive = (org: Tenant, body: RequestInit['body'], type = 'application/gzip') =>
  fetch(`${server.url}/org/import${query(org.organization_name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${org.token}`, 'content-type': type },
    body,
    duplex: 'half',
  });

const canonical = (doc: Document) => BSON.EJSON.stringify(doc, { relaxed: false });

describe('export and import', () => {
  it('round-trips 100,000 documents of mixed BSON types exactly, streaming with bounded memory', async () => {
    const total = 100_000;
    const source = await tenant('ExportSource');
    const target = await tenant('ImportTarget');
    const sourceCollection = server.db.collection(await collectionOf(source));
    for (let start = 0; start < total; start += 5_000) {
      const length = Math.min(5_000, total - start);
      await sourceCollection.insertMany(Array.from({ length }, (_, i) => mixedDocument(start + i)));
    }

    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    const exported = await exportArchive(source);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('application/gzip');
    // Piped straight from the export into the import: neither side nor this test holds the archive.
    const imported = await importArchive(target, exported.body);
    clearInterval(sampler);
    const report = (await imported.json()) as { documents: number };
    expect({ status: imported.status, report }).toEqual({
      status: 200,
      report: { message: `Imported ${total} documents`, documents: total },
    });
    expect(report.documents).toBe(total);

    // Every document equal, compared as canonical Extended JSON (which tells Int32 from Int64 from Double).
    const targetCollection = server.db.collection(await collectionOf(target));
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
    const growth = peak - before;
    console.info(
      `archive round trip: tenant ${(tenantBytes / 2 ** 20).toFixed(0)} MiB as EJSON, RSS growth ${(growth / 2 ** 20).toFixed(0)} MiB`,
    );
    // Export and import together, in this one process, grew by well under the tenant's size.
    expect(growth).toBeLessThan(tenantBytes / 2);
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
