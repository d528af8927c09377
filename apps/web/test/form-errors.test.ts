import { startTestServer, type TestServer } from '@orgsphere/api/testing';
import { createOrgSphereClient } from '@orgsphere/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { formErrorsOf } from '../src/api/form-errors.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'), {
    loginThrottle: { maxAttemptsPerEmail: 1, maxAttemptsPerIp: 1_000, windowMs: 60_000 },
  });
});
afterAll(() => server.close());

const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

/** The errors the real API answers with, as the console's forms show them. */
describe('form errors from real API answers', () => {
  const api = () => createOrgSphereClient({ url: server.url });
  const fields = ['organization_name', 'email', 'password'];

  it('puts a validation issue beside its field', async () => {
    const error = await failureOf(
      api().org.create.mutate({ organization_name: 'Valid Name', email: 'not-an-email', password: 'long-enough-42' }),
    );
    const errors = formErrorsOf(error, fields);
    expect(Object.keys(errors.fields)).toEqual(['email']);
    expect(errors.message).toBeNull();
  });

  it('puts a domain error beside the field it names', async () => {
    const org = {
      organization_name: `Taken ${Date.now()}`,
      email: `t.${Date.now()}@example.com`,
      password: 'long-enough-42',
    };
    await api().org.create.mutate(org);
    const error = await failureOf(api().org.create.mutate({ ...org, email: `other.${org.email}` }));
    const errors = formErrorsOf(error, fields);
    expect(Object.keys(errors.fields)).toEqual(['organization_name']);
  });

  it('keeps an error about no shown field for the form, with when to retry after a 429', async () => {
    const email = `throttled.${Date.now()}@example.com`;
    await failureOf(api().admin.login.mutate({ email, password: 'wrong-password-1' }));
    const error = await failureOf(api().admin.login.mutate({ email, password: 'wrong-password-2' }));
    const errors = formErrorsOf(error, fields);
    expect(errors.fields).toEqual({});
    expect(errors.message).toMatch(/too many/i);
    expect(errors.retryAfter).toBeGreaterThan(0);
  });

  it('says the API did not answer when nothing came back', async () => {
    const unreachable = createOrgSphereClient({ url: 'http://127.0.0.1:9' });
    const errors = formErrorsOf(await failureOf(unreachable.org.get.query({ organization_name: 'Any' })));
    expect(errors.message).toMatch(/did not answer/);
  });
});
