import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestServer } from '../src/testing/index.js';
import { openArena, type Arena } from './arena.js';
import type { RestClient } from './rest-helpers.js';

let arena: Arena;
let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  arena = await openArena();
  ({ server, api } = arena);
});
afterAll(() => server.close());

const listSessions = (token: string) => api.send('GET', '/me/sessions', { token });
const revokeSession = (token: string, body: unknown) => api.send('POST', '/me/sessions/revoke', { token, body });
const meWith = (token: string) => api.send('GET', '/me', { token });

type SessionOut = { session_id: string; current: boolean; user_agent: string | null; organization_id: string };

describe('GET /me/sessions and POST /me/sessions/revoke', () => {
  it('lists my active sessions with the current one marked, and signs out one of them', async () => {
    const tenant = await arena.tenant('Sessions');
    const laptop = await api.send('POST', '/admin/login', {
      body: { email: tenant.email, password: tenant.password },
      headers: { 'user-agent': 'Laptop browser/1.0' },
    });
    expect(laptop.status).toBe(200);

    const listed = await listSessions(tenant.token);
    expect(listed.status).toBe(200);
    const sessions = listed.body.sessions as SessionOut[];
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    const other = sessions.find((session) => !session.current)!;
    expect(other.user_agent).toBe('Laptop browser/1.0');
    expect(other.organization_id).toBe(tenant.organizationId);
    for (const session of sessions) {
      expect(Date.parse((session as unknown as { expires_at: string }).expires_at)).toBeGreaterThan(Date.now());
    }

    const revoked = await revokeSession(tenant.token, { session_id: other.session_id });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ session_id: other.session_id, current: false });

    // The laptop's tokens stop working; this one goes on, and the list no longer shows the laptop.
    expect((await meWith(laptop.body.access_token)).status).toBe(401);
    expect(
      (await api.send('POST', '/admin/refresh', { body: { refresh_token: laptop.body.refresh_token } })).status,
    ).toBe(401);
    expect((await meWith(tenant.token)).status).toBe(200);
    const after = (await listSessions(tenant.token)).body.sessions as SessionOut[];
    expect(after.map((session) => session.session_id)).toEqual(
      sessions.filter((session) => session.current).map((session) => session.session_id),
    );

    // Recorded in the audit trail, naming the session signed out.
    const stored = await server.db
      .collection('audit_events')
      .findOne({ action: 'admin.revokeSession', subject: other.session_id });
    expect(stored).toMatchObject({ outcome: 'success', actor_admin_id: tenant.adminId });
  });

  it('treats another user’s session as not found and leaves it working', async () => {
    const mine = await arena.tenant('MineSessions');
    const theirs = await arena.tenant('TheirSessions');
    const theirSession = ((await listSessions(theirs.token)).body.sessions as SessionOut[])[0]!;

    const refused = await revokeSession(mine.token, { session_id: theirSession.session_id });
    expect(refused.status).toBe(404);
    expect(refused.body.data).toMatchObject({ appCode: 'SESSION_NOT_FOUND', field: 'session_id' });
    expect((await meWith(theirs.token)).status).toBe(200);

    const unknown = await revokeSession(mine.token, { session_id: 'no-such-session' });
    expect(unknown.status).toBe(404);
    expect(((await listSessions(mine.token)).body.sessions as SessionOut[]).map((s) => s.session_id)).not.toContain(
      theirSession.session_id,
    );
  });

  it('signing out the current session ends this token', async () => {
    const tenant = await arena.tenant('SelfRevoke');
    const current = ((await listSessions(tenant.token)).body.sessions as SessionOut[]).find((s) => s.current)!;
    const revoked = await revokeSession(tenant.token, { session_id: current.session_id });
    expect(revoked.body).toMatchObject({ current: true });
    expect((await meWith(tenant.token)).status).toBe(401);
  });

  it('refuses a missing or oversized session id with 400, and a call without a token with 401', async () => {
    const tenant = await arena.tenant('BadRevoke');
    expect((await revokeSession(tenant.token, {})).status).toBe(400);
    expect((await revokeSession(tenant.token, { session_id: 'x'.repeat(500) })).status).toBe(400);
    expect((await api.send('GET', '/me/sessions')).status).toBe(401);
  });
});
