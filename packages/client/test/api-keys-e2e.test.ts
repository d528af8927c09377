import { startTestServer, type TestServer } from '@orgsphere/api/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it } from 'vitest';

import {
  createOrgSphereClient,
  describeOrgSphereError,
  type ApiKey,
  type ApiKeyScope,
  type IssuedApiKey,
  type OrgSphereClient,
} from '../src/index.js';

let server: TestServer;
let anonymous: OrgSphereClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'));
  anonymous = createOrgSphereClient({ url: server.url });
});
afterAll(() => server.close());

const suffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe('API keys through the typed client', () => {
  it('creates a key, calls with it in place of a token, lists, rotates and revokes it', async () => {
    const s = suffix();
    const acme = { organization_name: `Keyed ${s}`, email: `owner.${s}@keyed.test`, password: 'correct-horse-42' };
    await anonymous.org.create.mutate(acme);
    const login = await anonymous.admin.login.mutate({ email: acme.email, password: acme.password });
    const owner = createOrgSphereClient({ url: server.url, token: login.access_token });

    const issued = await owner.apiKeys.create.mutate({
      name: 'billing sync',
      scopes: ['members.read', 'members.invite'],
    });
    expectTypeOf(issued).toEqualTypeOf<IssuedApiKey>();
    expectTypeOf<ApiKeyScope>().toExtend<string>();
    expect(issued.secret).toMatch(/^osk_test_/);

    // A service passes the key where a person passes an access token.
    const service = createOrgSphereClient({ url: server.url, token: issued.secret });
    const { members } = await service.members.list.query({});
    expect(members.map((m) => m.email)).toEqual([acme.email]);
    const invitation = await service.invitations.create.mutate({ email: `new.${s}@keyed.test`, role: 'member' });
    expect(invitation.state).toBe('pending');

    // Outside its scopes, or about a person, the key is refused with a code the app can act on.
    const outOfScope = await service.members.remove.mutate({ user_id: login.admin_id }).catch((e: unknown) => e);
    expect(describeOrgSphereError(outOfScope)).toMatchObject({ status: 403, appCode: 'API_KEY_SCOPE_MISSING' });
    const personal = await service.me.get.query({}).catch((e: unknown) => e);
    expect(describeOrgSphereError(personal)).toMatchObject({ status: 403, appCode: 'API_KEY_NOT_ALLOWED' });

    const { api_keys } = await owner.apiKeys.list.query({});
    expectTypeOf(api_keys).toEqualTypeOf<ApiKey[]>();
    expect(api_keys.map((k) => [k.name, k.state, k.prefix])).toEqual([['billing sync', 'active', issued.prefix]]);

    const rotated = await owner.apiKeys.rotate.mutate({ api_key_id: issued.api_key_id, grace_seconds: 0 });
    const renewed = createOrgSphereClient({ url: server.url, token: rotated.secret });
    await renewed.members.list.query({});
    const old = await service.members.list.query({}).catch((e: unknown) => e);
    expect(describeOrgSphereError(old)).toMatchObject({ status: 401, appCode: 'API_KEY_ROTATED' });

    await owner.apiKeys.revoke.mutate({ api_key_id: issued.api_key_id });
    const revoked = await renewed.members.list.query({}).catch((e: unknown) => e);
    expect(describeOrgSphereError(revoked)).toMatchObject({ status: 401, appCode: 'API_KEY_REVOKED' });
  });
});
