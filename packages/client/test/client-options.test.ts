import { readFileSync } from 'node:fs';

import { startTestServer, type TestServer } from '@orgsphere/api/testing';
import { loggerLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  clientVersion,
  createOrgSphereClient,
  defaultBatchLimits,
  describeOrgSphereError,
  type OrgSphereLink,
} from '../src/index.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'));
});
afterAll(() => server.close());

/** A fetch that records each request's URL and headers before sending it. */
const recordingFetch = () => {
  const requests: { url: string; headers: Headers }[] = [];
  const fetchWithLog: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    requests.push({ url, headers: new Headers(init?.headers) });
    return fetch(input, init);
  };
  return { requests, fetch: fetchWithLog };
};

const missingOrg = (index: number) => ({ organization_name: `Missing organization number ${index} with a long name` });

describe('client options', () => {
  it('answers 400 queries made in one tick, in several requests no server refuses', async () => {
    const recorder = recordingFetch();
    const api = createOrgSphereClient({ url: server.url, fetch: recorder.fetch });
    const results = await Promise.allSettled(
      Array.from({ length: 400 }, (_, index) => api.org.get.query(missingOrg(index))),
    );
    // Every call got its own answer (404), none "Unable to transform response from server".
    const statuses = results.map((result) =>
      result.status === 'rejected' ? (result.reason as { data?: { httpStatus?: number } }).data?.httpStatus : 200,
    );
    expect(new Set(statuses)).toEqual(new Set([404]));
    expect(recorder.requests.length).toBeGreaterThan(1);
    for (const request of recorder.requests)
      expect(request.url.length).toBeLessThanOrEqual(defaultBatchLimits.maxURLLength);
  });

  it('without limits, the same burst is one URL the server refuses (why the defaults exist)', async () => {
    const response = await fetch(
      `${server.url}/trpc/${Array.from({ length: 400 }, () => 'org.get').join(',')}?batch=1&input=${encodeURIComponent(
        JSON.stringify(Object.fromEntries(Array.from({ length: 400 }, (_, index) => [index, missingOrg(index)]))),
      )}`,
    );
    expect(response.status).toBe(431);
  });

  it('applies custom batch limits', async () => {
    const recorder = recordingFetch();
    const api = createOrgSphereClient({ url: server.url, fetch: recorder.fetch, batch: { maxItems: 10 } });
    await Promise.allSettled(Array.from({ length: 30 }, (_, index) => api.org.get.query(missingOrg(index))));
    expect(recorder.requests).toHaveLength(3);
  });

  it('sends extra headers (static or from a function), its version, and the token', async () => {
    const recorder = recordingFetch();
    let call = 0;
    const api = createOrgSphereClient({
      url: server.url,
      fetch: recorder.fetch,
      token: 'not-a-real-token',
      headers: () => ({ 'x-tenant-hint': `call-${++call}` }),
    });
    await api.org.get.query(missingOrg(1)).catch(() => undefined);
    const fixed = createOrgSphereClient({
      url: server.url,
      fetch: recorder.fetch,
      headers: { 'x-app': 'admin-console' },
    });
    await fixed.org.get.query(missingOrg(2)).catch(() => undefined);

    const [first, second] = recorder.requests;
    expect(first?.headers.get('x-tenant-hint')).toBe('call-1');
    expect(first?.headers.get('authorization')).toBe('Bearer not-a-real-token');
    expect(first?.headers.get('x-orgsphere-client')).toBe(clientVersion);
    expect(second?.headers.get('x-app')).toBe('admin-console');
    expect(second?.headers.get('authorization')).toBeNull();
  });

  it('lets a browser on an allowed origin send the version header (CORS preflight)', async () => {
    const preflight = await fetch(`${server.url}/trpc/org.get`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://allowed.test',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization,x-orgsphere-client',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-orgsphere-client');
  });

  it('sends the version of package.json', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(clientVersion).toBe(manifest.version);
  });

  it('gets 404 NOT_FOUND for a procedure the server does not have (a newer client, an older server)', async () => {
    const api = createOrgSphereClient({ url: server.url });
    const future = api.admin as unknown as { notYetShipped: { mutate: (input: object) => Promise<unknown> } };
    const error = await future.notYetShipped.mutate({}).catch((caught: unknown) => caught);
    expect(describeOrgSphereError(error)).toMatchObject({ status: 404, appCode: null });
  });

  it('runs custom links before the transport', async () => {
    const seen: string[] = [];
    const tagLink: OrgSphereLink =
      () =>
      ({ op, next }) => {
        seen.push(`${op.type}:${op.path}`);
        return next(op);
      };
    const logged: unknown[] = [];
    const api = createOrgSphereClient({
      url: server.url,
      links: [tagLink, loggerLink({ enabled: () => true, logger: (entry) => logged.push(entry) })],
    });
    await api.org.get.query(missingOrg(3)).catch(() => undefined);
    expect(seen).toEqual(['query:org.get']);
    expect(logged).toHaveLength(2);
  });
});
