import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openArena, type Arena, type Tenant } from '../arena.js';

let arena: Arena;
let tenant: Tenant;

beforeAll(async () => {
  arena = await openArena();
  tenant = await arena.tenant('Headers');
});
afterAll(() => arena.server.close());

describe('response headers', () => {
  it('carry security headers and a request id, echoing a caller-supplied one', async () => {
    const response = await arena.api.send('GET', '/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const generated = await arena.api.send('GET', '/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allow cross-origin calls only from configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${arena.server.url}/org/create`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('http://allowed.test');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://allowed.test');
    const denied = await preflight('http://evil.test');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('audit log', () => {
  it('pages newest first through every event exactly once', async () => {
    for (let i = 0; i < 7; i += 1) {
      expect(
        (await arena.api.login({ email: tenant.email, password: i % 2 ? tenant.password : 'wrong-password' })).status,
      ).toBeLessThan(500);
    }
    const path = (cursor?: string) =>
      `/org/audit-log?${new URLSearchParams({ organization_name: tenant.organization_name, limit: '3', ...(cursor ? { cursor } : {}) }).toString()}`;
    const seen: { id: string; at: string; action: string; outcome: string; reason: string | null }[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const response = await arena.api.send('GET', path(cursor), { token: tenant.token });
      expect(response.status).toBe(200);
      expect(response.body.events.length).toBeLessThanOrEqual(3);
      seen.push(...response.body.events);
      cursor = response.body.next_cursor ?? undefined;
      if (!cursor) break;
    }
    const stored = await arena.server.db
      .collection('audit_events')
      .countDocuments({ organization_id: tenant.organizationId });
    expect(seen).toHaveLength(stored);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    const times = seen.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(
      seen.filter((e) => e.action === 'admin.login' && e.outcome === 'failure' && e.reason === 'INVALID_CREDENTIALS'),
    ).toHaveLength(4);
  });

  it('refuses limits outside 1..200 and foreign cursors do not leak other organizations', async () => {
    const base = `/org/audit-log?organization_name=${encodeURIComponent(tenant.organization_name)}`;
    expect((await arena.api.send('GET', `${base}&limit=0`, { token: tenant.token })).status).toBe(400);
    expect((await arena.api.send('GET', `${base}&limit=1000`, { token: tenant.token })).status).toBe(400);
    const other = await arena.tenant('Other');
    const response = await arena.api.send('GET', `${base}&cursor=${encodeURIComponent('9999')}`, {
      token: tenant.token,
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).not.toContain(other.adminId);
  });
});
