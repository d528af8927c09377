import { startTestServer, type TestServer } from '@orgsphere/api/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createOrgSphereClient, type OrgSphereClient } from '../src/index.js';

let server: TestServer;
let anonymous: OrgSphereClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'));
  anonymous = createOrgSphereClient({ url: server.url });
});
afterAll(() => server.close());

const suffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The README's walkthrough: invite, accept, switch organization, change role. */
describe('members through the typed client', () => {
  it('invites, accepts, switches organization and changes a role', async () => {
    const s = suffix();
    const acme = { organization_name: `Acme ${s}`, email: `owner.${s}@acme.test`, password: 'correct-horse-42' };
    const beta = { organization_name: `Beta ${s}`, email: `bea.${s}@beta.test`, password: 'battery-staple-42' };
    await anonymous.org.create.mutate(acme);
    await anonymous.org.create.mutate(beta);
    const ownerLogin = await anonymous.admin.login.mutate({ email: acme.email, password: acme.password });
    const owner = createOrgSphereClient({ url: server.url, token: ownerLogin.access_token });

    // Invite Bea (owner of Beta) into Acme; without SMTP the link comes back to pass on.
    const invitation = await owner.invitations.create.mutate({ email: beta.email, role: 'member' });
    const token = new URL(invitation.accept_link!).searchParams.get('token')!;

    // Bea already has an account: she logs in, then accepts as herself.
    const beaLogin = await anonymous.admin.login.mutate({ email: beta.email, password: beta.password });
    const bea = createOrgSphereClient({ url: server.url, token: beaLogin.access_token });
    const inAcme = await bea.invitations.accept.mutate({ token });
    expect(inAcme.organization_id).toBe(ownerLogin.organization_id);

    // Her session is still in Beta; she lists her organizations and switches without a password.
    const { organizations } = await bea.me.organizations.query({});
    expect(organizations.map((o) => [o.organization_name, o.role, o.active])).toEqual([
      [beta.organization_name, 'owner', true],
      [acme.organization_name, 'member', false],
    ]);
    const switched = await bea.me.switchOrganization.mutate({ organization_name: acme.organization_name });
    const beaInAcme = createOrgSphereClient({ url: server.url, token: switched.access_token });

    // The owner makes her an admin; her next call in Acme has the admin's rights.
    await owner.members.changeRole.mutate({ user_id: switched.admin_id, role: 'admin' });
    const { invitations } = await beaInAcme.invitations.list.query({});
    expect(invitations.map((i) => [i.email, i.state])).toEqual([[beta.email, 'accepted']]);
  });
});
