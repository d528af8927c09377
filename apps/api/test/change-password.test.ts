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

const changePassword = (token: string, body: unknown) => api.send('POST', '/admin/change-password', { body, token });
/** An admin-only read: 200 while the token is good, 401 once it is not. */
const readAuditLog = (organizationName: string, token: string) =>
  api.send('GET', `/org/audit-log?organization_name=${encodeURIComponent(organizationName)}&limit=5`, { token });

describe('POST /admin/change-password', () => {
  it('changes the password, ends the other sessions and keeps the caller signed in with fresh tokens', async () => {
    const tenant = await arena.tenant('Changer');
    const other = await api.login({ email: tenant.email, password: tenant.password });
    const newPassword = `${tenant.password}-New`;

    const changed = await changePassword(tenant.token, {
      current_password: tenant.password,
      new_password: newPassword,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      token_type: 'bearer',
      admin_id: tenant.adminId,
      organization_id: tenant.organizationId,
    });
    expect(changed.body.access_token).not.toBe(tenant.token);

    // The fresh pair works; everything issued before, on this device or another, does not.
    expect((await readAuditLog(tenant.organization_name, changed.body.access_token)).status).toBe(200);
    expect((await readAuditLog(tenant.organization_name, tenant.token)).status).toBe(401);
    expect((await readAuditLog(tenant.organization_name, other.body.access_token)).status).toBe(401);
    expect((await api.send('POST', '/admin/refresh', { body: { refresh_token: tenant.refreshToken } })).status).toBe(
      401,
    );
    expect(
      (await api.send('POST', '/admin/refresh', { body: { refresh_token: other.body.refresh_token } })).status,
    ).toBe(401);
    const refreshed = await api.send('POST', '/admin/refresh', { body: { refresh_token: changed.body.refresh_token } });
    expect(refreshed.status).toBe(200);

    expect((await api.login({ email: tenant.email, password: tenant.password })).status).toBe(401);
    expect((await api.login({ email: tenant.email, password: newPassword })).status).toBe(200);
  });

  it('refuses a wrong current password with 400 naming the field, and changes nothing', async () => {
    const tenant = await arena.tenant('WrongCurrent');
    const refused = await changePassword(tenant.token, {
      current_password: 'not-the-password',
      new_password: 'Another-pass-42',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toMatchObject({ appCode: 'CURRENT_PASSWORD_WRONG', field: 'current_password' });
    // Not a 401: the token is still good, so clients do not try to refresh it.
    expect((await readAuditLog(tenant.organization_name, tenant.token)).status).toBe(200);
    expect((await api.login({ email: tenant.email, password: tenant.password })).status).toBe(200);
  });

  it('refuses a weak or unchanged new password, a missing field and a missing token', async () => {
    const tenant = await arena.tenant('WeakNew');
    const weak = await changePassword(tenant.token, { current_password: tenant.password, new_password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.data).toMatchObject({ appCode: 'PASSWORD_POLICY', field: 'new_password' });
    const same = await changePassword(tenant.token, {
      current_password: tenant.password,
      new_password: tenant.password,
    });
    expect(same.status).toBe(400);
    expect(same.body.data).toMatchObject({ appCode: 'PASSWORD_POLICY', field: 'new_password' });
    const missing = await changePassword(tenant.token, { current_password: tenant.password });
    expect(missing.status).toBe(400);
    expect(missing.body.data.field).toBe('new_password');
    const anonymous = await api.send('POST', '/admin/change-password', {
      body: { current_password: 'a', new_password: 'b' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('writes an audit event for success and for failure', async () => {
    const tenant = await arena.tenant('AuditedChange');
    const failed = await changePassword(tenant.token, {
      current_password: 'not-the-password',
      new_password: 'Another-pass-42',
    });
    expect(failed.status).toBe(400);
    const changed = await changePassword(tenant.token, {
      current_password: tenant.password,
      new_password: `${tenant.password}-2`,
    });
    expect(changed.status).toBe(200);
    const log = await api.send(
      'GET',
      `/org/audit-log?organization_name=${encodeURIComponent(tenant.organization_name)}&limit=5`,
      {
        token: changed.body.access_token,
      },
    );
    expect(log.status).toBe(200);
    const events = (
      log.body.events as { action: string; outcome: string; reason: string | null; actor_admin_id: string }[]
    )
      .filter((event) => event.action === 'admin.changePassword')
      .map(({ outcome, reason, actor_admin_id }) => ({ outcome, reason, actor_admin_id }));
    expect(events).toEqual([
      { outcome: 'success', reason: null, actor_admin_id: tenant.adminId },
      { outcome: 'failure', reason: 'CURRENT_PASSWORD_WRONG', actor_admin_id: tenant.adminId },
    ]);
  });

  it('keeps PUT /org/update with password working for the original clients', async () => {
    const tenant = await arena.tenant('LegacyChange');
    const updated = await api.updateOrg(
      { organization_name: tenant.organization_name, password: `${tenant.password}-Legacy` },
      tenant.token,
    );
    expect(updated.status).toBe(200);
    expect((await api.login({ email: tenant.email, password: `${tenant.password}-Legacy` })).status).toBe(200);
  });
});
