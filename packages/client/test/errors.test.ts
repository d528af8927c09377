import { startTestServer, type TestServer } from '@orgsphere/api/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it } from 'vitest';

import {
  createOrgSphereClient,
  describeOrgSphereError,
  orgSphereErrorCodes,
  type OrgSphereClientError,
  type OrgSphereErrorCode,
} from '../src/index.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'), {
    loginThrottle: { maxAttemptsPerEmail: 2, maxAttemptsPerIp: 1_000, windowMs: 60_000 },
  });
});
afterAll(() => server.close());

const failure = async (call: Promise<unknown>) =>
  call.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );

describe('error codes and details', () => {
  it('lists exactly the server’s codes, as a type and at runtime', () => {
    // The router's error shape carries the server's own code union.
    type ServerCode = NonNullable<NonNullable<OrgSphereClientError['data']>['appCode']>;
    expectTypeOf<OrgSphereErrorCode>().toEqualTypeOf<ServerCode>();
    for (const [key, value] of Object.entries(orgSphereErrorCodes)) expect(key).toBe(value);
  });

  it('reads status, code, field and issues of a validation error', async () => {
    const api = createOrgSphereClient({ url: server.url });
    const error = await failure(
      api.org.create.mutate({
        organization_name: 'Fine Name',
        email: 'fine@example.com',
        password: 42 as unknown as string,
      }),
    );
    expect(describeOrgSphereError(error)).toMatchObject({
      status: 400,
      appCode: 'VALIDATION_FAILED',
      field: 'password',
      issues: [{ path: 'password', message: expect.any(String) }],
      retryAfter: null,
    });
  });

  it('reads Retry-After of a throttled login', async () => {
    const api = createOrgSphereClient({ url: server.url });
    const credentials = { email: `throttled.${Date.now()}@example.com`, password: 'wrong-password-1' };
    await failure(api.admin.login.mutate(credentials));
    await failure(api.admin.login.mutate(credentials));
    const details = describeOrgSphereError(await failure(api.admin.login.mutate(credentials)));
    expect(details).toMatchObject({ status: 429, appCode: 'TOO_MANY_ATTEMPTS', field: null, issues: [] });
    expect(details.retryAfter).toBeGreaterThan(0);
    expect(details.retryAfter).toBeLessThanOrEqual(60);
  });

  it('gives nulls and the message for anything else', async () => {
    const offline = createOrgSphereClient({ url: 'http://127.0.0.1:9' });
    expect(describeOrgSphereError(await failure(offline.org.get.query({ organization_name: 'Acme' })))).toMatchObject({
      status: null,
      appCode: null,
      retryAfter: null,
      message: expect.any(String),
    });
    expect(describeOrgSphereError(new Error('plain'))).toEqual({
      status: null,
      appCode: null,
      field: null,
      issues: [],
      retryAfter: null,
      message: 'plain',
    });
  });
});
