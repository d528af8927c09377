import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { snapshotData } from '../../src/testing/index.js';
import { openArena, type Arena, type Tenant } from '../arena.js';

let arena: Arena;
let victim: Tenant;
let attacker: Tenant;

beforeAll(async () => {
  arena = await openArena();
  victim = await arena.tenant('Victim');
  attacker = await arena.tenant('Attacker');
});
afterAll(() => arena.server.close());

const operators = [{ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $where: 'true' }];

/** Each REST operation with its string fields; `send` builds the request from a full input. */
const operations = () => [
  {
    name: 'POST /org/create',
    fields: ['organization_name', 'email', 'password'],
    base: { organization_name: 'Injected Org', email: 'inj@example.com', password: 'injection-pw-1' },
    send: (body: object) => arena.api.createOrg(body),
  },
  {
    name: 'POST /admin/login',
    fields: ['email', 'password'],
    base: { email: victim.email, password: victim.password },
    send: (body: object) => arena.api.login(body),
  },
  {
    name: 'PUT /org/update',
    fields: ['organization_name', 'new_organization_name', 'email', 'password'],
    base: {
      organization_name: attacker.organization_name,
      new_organization_name: 'Renamed Org',
      email: 'n@example.com',
      password: 'new-password-9',
    },
    send: (body: object) => arena.api.updateOrg(body, attacker.token),
  },
  {
    name: 'POST /admin/refresh',
    fields: ['refresh_token'],
    base: { refresh_token: victim.refreshToken },
    send: (body: object) => arena.api.send('POST', '/admin/refresh', { body }),
  },
];

describe('NoSQL operator injection', () => {
  it('is refused with 400 in every string field of every body, changing nothing', async () => {
    const before = await snapshotData(arena.server.db);
    for (const operation of operations()) {
      for (const field of operation.fields) {
        for (const operator of operators) {
          const response = await operation.send({ ...operation.base, [field]: operator });
          expect({ operation: operation.name, field, operator, status: response.status }).toMatchObject({
            status: 400,
          });
        }
      }
    }
    expect(await snapshotData(arena.server.db)).toBe(before);
  });

  it('is inert in query strings (bracket syntax is not parsed into objects)', async () => {
    const before = await snapshotData(arena.server.db);
    for (const query of [
      'organization_name[$ne]=x',
      'organization_name[$gt]=',
      'organization_name=%7B%22%24ne%22%3Anull%7D',
    ]) {
      const get = await arena.api.send('GET', `/org/get?${query}`);
      expect(get.status === 400 || get.status === 404).toBe(true);
      const remove = await arena.api.send('DELETE', `/org/delete?${query}`, { token: attacker.token });
      expect(remove.status === 400 || remove.status === 404).toBe(true);
    }
    expect((await arena.api.getOrg(victim.organization_name)).status).toBe(200);
    expect(await snapshotData(arena.server.db)).toBe(before);
  });

  it('is refused through tRPC too', async () => {
    const response = await fetch(`${arena.server.url}/trpc/admin.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: { $ne: null }, password: { $ne: null } }),
    });
    expect(response.status).toBe(400);
  });
});

describe('prototype pollution', () => {
  it('keys like __proto__ and constructor neither pollute nor get through', async () => {
    const before = await snapshotData(arena.server.db);
    const payloads = [
      '{"__proto__": {"polluted": "yes"}, "email": "a@example.com", "password": "x-password-1"}',
      '{"constructor": {"prototype": {"polluted": "yes"}}, "email": "a@example.com", "password": "x-password-1"}',
      '{"email": {"__proto__": {"polluted": "yes"}}, "password": "x-password-1"}',
    ];
    for (const rawBody of payloads) {
      const response = await arena.api.send('POST', '/admin/login', { rawBody });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    const create = await arena.api.send('POST', '/org/create', {
      rawBody:
        '{"organization_name": "Proto Org", "email": "p@example.com", "password": "proto-pass-1", "__proto__": {"isAdmin": true}}',
    });
    expect(create.status).toBeGreaterThanOrEqual(400);
    expect(create.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(await snapshotData(arena.server.db)).toBe(before);
  });
});

describe('oversized and malformed requests', () => {
  it('refuses bodies over the limit with 413', async () => {
    const response = await arena.api.createOrg({
      organization_name: 'Big Org',
      email: 'big@example.com',
      password: 'x'.repeat(200_000),
    });
    expect(response.status).toBe(413);
  });

  it('refuses over-long fields within the limit with 400', async () => {
    for (const body of [
      { organization_name: 'x'.repeat(300), email: 'l@example.com', password: 'long-pass-12' },
      { organization_name: 'Long Org', email: `${'e'.repeat(400)}@example.com`, password: 'long-pass-12' },
      { organization_name: 'Long Org', email: 'l@example.com', password: 'p'.repeat(2_000) },
    ]) {
      expect((await arena.api.createOrg(body)).status).toBe(400);
    }
  });

  it('refuses two Authorization headers (header smuggling) with 400', async () => {
    const { request } = await import('node:http');
    const url = new URL(
      `${arena.server.url}/org/delete?organization_name=${encodeURIComponent(attacker.organization_name)}`,
    );
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'DELETE' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      // Raw header list: two credentials for one request.
      req.setHeader('authorization', [`Bearer ${attacker.token}`, `Bearer ${victim.token}`]);
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    expect((await arena.api.getOrg(attacker.organization_name)).status).toBe(200);
  });
});

describe('cross-tenant access', () => {
  it("every protected procedure refuses another organization's admin with 403 and changes nothing", async () => {
    const before = await snapshotData(arena.server.db);
    const name = victim.organization_name;
    const token = attacker.token;
    const { api } = arena;
    const responses = {
      rename: await api.updateOrg({ organization_name: name, new_organization_name: 'Stolen Org' }, token),
      email: await api.updateOrg({ organization_name: name, email: 'thief@example.com' }, token),
      password: await api.updateOrg({ organization_name: name, password: 'stolen-pass-1' }, token),
      delete: await api.deleteOrg(name, token),
      audit: await api.send('GET', `/org/audit-log?organization_name=${encodeURIComponent(name)}`, { token }),
    };
    for (const [what, response] of Object.entries(responses))
      expect({ what, status: response.status }).toEqual({ what, status: 403 });
    expect(await snapshotData(arena.server.db)).toBe(before);
  });

  it('an audit log shows only its own organization', async () => {
    const response = await arena.api.send(
      'GET',
      `/org/audit-log?organization_name=${encodeURIComponent(victim.organization_name)}`,
      {
        token: victim.token,
      },
    );
    expect(response.status).toBe(200);
    const events = response.body.events as { action: string; outcome: string; actor_admin_id: string | null }[];
    expect(events.some((e) => e.action === 'org.create' && e.outcome === 'success')).toBe(true);
    expect(events.some((e) => e.action === 'admin.login' && e.outcome === 'success')).toBe(true);
    expect(events.every((e) => e.actor_admin_id === null || e.actor_admin_id === victim.adminId)).toBe(true);
    const stored = await arena.server.db
      .collection('audit_events')
      .find({ _id: { $in: response.body.events.map((e: { id: string }) => e.id) } })
      .toArray();
    expect(stored.every((doc) => doc.organization_id === victim.organizationId)).toBe(true);
  });
});
