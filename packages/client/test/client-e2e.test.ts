import { startTestServer, type TestServer } from '@orgsphere/api/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createOrgSphereClient, isOrgSphereClientError, type OrgSphereClient } from '../src/index.js';

let server: TestServer;
let anonymous: OrgSphereClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'));
  anonymous = createOrgSphereClient({ url: server.url });
});
afterAll(() => server.close());

let counter = 0;
const newOrg = (label = 'Client') => {
  counter += 1;
  const suffix = `${Date.now().toString(36)}${counter}`;
  return { organization_name: `${label} ${suffix}`, email: `c.${suffix}@example.com`, password: `secret-${suffix}` };
};

/** The error a call rejected with, so tests can check its code and status. */
const rejection = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    if (isOrgSphereClientError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
};

const signedIn = async (label?: string) => {
  const org = newOrg(label);
  const created = await anonymous.org.create.mutate(org);
  const { access_token } = await anonymous.admin.login.mutate({ email: org.email, password: org.password });
  return { org, created, client: createOrgSphereClient({ url: server.url, token: access_token }) };
};

describe('typed client, end to end', () => {
  it('creates, reads, logs in, renames, changes credentials and deletes', async () => {
    const { org, created, client } = await signedIn();
    expect(created.organization_name).toBe(org.organization_name);
    expect(await anonymous.org.get.query({ organization_name: org.organization_name })).toEqual(created);

    const renamed = await client.org.update.mutate({
      organization_name: org.organization_name,
      new_organization_name: `${org.organization_name} Renamed`,
      email: `renamed.${org.email}`,
    });
    expect(renamed.organization_id).toBe(created.organization_id);
    expect(renamed.admin_email).toBe(`renamed.${org.email}`);

    const deleted = await client.org.delete.mutate({ organization_name: renamed.organization_name });
    expect(deleted.organization_id).toBe(created.organization_id);
    const gone = await rejection(anonymous.org.get.query({ organization_name: renamed.organization_name }));
    expect(gone.data?.httpStatus).toBe(404);
    expect(gone.data?.appCode).toBe('ORG_NOT_FOUND');
  });

  it('batches calls made together into one request and keeps their results apart', async () => {
    const a = await signedIn('BatchA');
    const b = await signedIn('BatchB');
    const [first, second, missing] = await Promise.allSettled([
      anonymous.org.get.query({ organization_name: a.org.organization_name }),
      anonymous.org.get.query({ organization_name: b.org.organization_name }),
      anonymous.org.get.query({ organization_name: 'Not There 999' }),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: a.created });
    expect(second).toMatchObject({ status: 'fulfilled', value: b.created });
    expect(missing.status).toBe('rejected');
  });

  it('reports every error status with a domain code and the field at fault', async () => {
    const a = await signedIn('ErrA');
    const b = await signedIn('ErrB');

    const invalid = await rejection(anonymous.org.create.mutate({ ...newOrg(), organization_name: 'x' }));
    expect(invalid.data).toMatchObject({ httpStatus: 400, appCode: 'ORG_NAME_INVALID', field: 'organization_name' });

    const badEmail = await rejection(anonymous.org.create.mutate({ ...newOrg(), email: 'nope' }));
    expect(badEmail.data).toMatchObject({ httpStatus: 400, field: 'email' });

    const conflict = await rejection(
      anonymous.org.create.mutate({ ...newOrg(), organization_name: a.org.organization_name }),
    );
    expect(conflict.data).toMatchObject({ httpStatus: 409, appCode: 'ORG_NAME_TAKEN' });

    const badLogin = await rejection(anonymous.admin.login.mutate({ email: a.org.email, password: 'wrong-password' }));
    expect(badLogin.data).toMatchObject({ httpStatus: 401, appCode: 'INVALID_CREDENTIALS' });

    const noToken = await rejection(anonymous.org.delete.mutate({ organization_name: a.org.organization_name }));
    expect(noToken.data?.httpStatus).toBe(401);

    const forbidden = await rejection(b.client.org.delete.mutate({ organization_name: a.org.organization_name }));
    expect(forbidden.data).toMatchObject({ httpStatus: 403, appCode: 'FORBIDDEN' });

    const zodIssue = await rejection(anonymous.org.create.mutate({ ...newOrg(), password: 42 as unknown as string }));
    expect(zodIssue.data).toMatchObject({ httpStatus: 400, field: 'password' });
    expect(zodIssue.message).toContain('password');
  });

  it('logs out with no argument', async () => {
    const { org } = await signedIn('Logout');
    const tokens = await anonymous.admin.login.mutate({ email: org.email, password: org.password });
    const client = createOrgSphereClient({ url: server.url, token: tokens.access_token });
    await expect(client.admin.logout.mutate()).resolves.toEqual({ message: 'Logged out' });
    const after = await rejection(client.org.auditLog.query({ organization_name: org.organization_name }));
    expect(after.data?.httpStatus).toBe(401);
  });

  it('takes the token from a function, so callers can refresh it', async () => {
    const { org } = await signedIn('Getter');
    let token: string | undefined = undefined;
    const client = createOrgSphereClient({ url: `${server.url}/`, token: () => token });
    expect(
      (await rejection(client.org.delete.mutate({ organization_name: org.organization_name }))).data?.httpStatus,
    ).toBe(401);
    token = (await anonymous.admin.login.mutate({ email: org.email, password: org.password })).access_token;
    await expect(client.org.delete.mutate({ organization_name: org.organization_name })).resolves.toMatchObject({
      organization_name: org.organization_name,
    });
  });
});
