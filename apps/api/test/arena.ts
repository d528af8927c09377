import { inject } from 'vitest';

import { startTestServer, type TestServer } from '../src/testing/index.js';
import { restClient, uniqueOrg, type RestClient } from './rest-helpers.js';

export type Tenant = ReturnType<typeof uniqueOrg> & {
  organizationId: string;
  adminId: string;
  token: string;
  refreshToken: string;
};

export type Arena = { server: TestServer; api: RestClient; tenant: (label?: string) => Promise<Tenant> };

/** A live server plus a way to make organizations with a logged-in admin. */
export const openArena = async (options: Parameters<typeof startTestServer>[1] = {}): Promise<Arena> => {
  const server = await startTestServer(inject('mongoUri'), options);
  const api = restClient(server.url);
  const tenant = async (label = 'Target'): Promise<Tenant> => {
    const org = uniqueOrg(label);
    const created = await api.createOrg(org);
    if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
    const login = await api.login({ email: org.email, password: org.password });
    return {
      ...org,
      organizationId: created.body.organization_id,
      adminId: created.body.admin_id,
      token: login.body.access_token,
      refreshToken: login.body.refresh_token,
    };
  };
  return { server, api, tenant };
};
