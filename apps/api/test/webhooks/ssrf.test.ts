import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startApiProcess, type ApiProcess } from '../../src/testing/api-process.js';
import { createHttpSender } from '../../src/webhooks/http-sender.js';
import { createTargetPolicy } from '../../src/webhooks/target-policy.js';
import { restClient, uniqueOrg } from '../rest-helpers.js';
import { startReceiver } from './receiver.js';

const request = (url: string) => ({ url, headers: { 'content-type': 'application/json' }, body: '{}' });

describe('outbound requests in production mode never reach internal addresses', () => {
  const production = createTargetPolicy({ allowPrivate: false });
  const sender = createHttpSender({ checkAddresses: production.checkAddresses, timeoutMs: 2_000 });

  it('refuses a loopback IP, a host name resolving to one, and an IPv4-mapped IPv6 loopback at send time', async () => {
    const receiver = await startReceiver(() => 200);
    try {
      for (const url of [
        receiver.url,
        `http://localhost:${receiver.port}/hook`,
        `http://[::ffff:127.0.0.1]:${receiver.port}/hook`,
        `http://[::1]:${receiver.port}/hook`,
        `http://10.0.0.1:${receiver.port}/hook`,
        'http://169.254.169.254/latest/meta-data/',
      ]) {
        const result = await sender.send(request(url));
        expect(result.ok, url).toBe(false);
        expect(result.statusCode).toBeNull();
        expect(result.error, url).toMatch(/not a public address/);
      }
      expect(receiver.requests).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('does not follow a redirect (to an internal address or anywhere): it counts as a failed attempt', async () => {
    // Outside production so the first hop may be local; the second must still never be called.
    const development = createTargetPolicy({ allowPrivate: true });
    const devSender = createHttpSender({ checkAddresses: development.checkAddresses, timeoutMs: 2_000 });
    const internal = await startReceiver(() => 200);
    const redirecting = await startReceiver(() => ({ status: 307, location: internal.url }));
    try {
      const result = await devSender.send(request(redirecting.url));
      expect(result).toMatchObject({ ok: false, statusCode: 307, error: 'redirect not followed' });
      expect(redirecting.requests).toHaveLength(1);
      expect(internal.requests).toHaveLength(0);
    } finally {
      await Promise.all([internal.close(), redirecting.close()]);
    }
  });
});

describe('registering an endpoint on an API running with NODE_ENV=production', () => {
  let api: ApiProcess;
  const masterDbName = `test_ssrf_${Date.now().toString(36)}`;

  beforeAll(async () => {
    api = await startApiProcess({
      NODE_ENV: 'production',
      MONGO_URI: inject('mongoUri'),
      MASTER_DB_NAME: masterDbName,
      WEBHOOK_SECRETS_KEY: 'production-test-key-0123456789-0123456789',
    });
  });
  afterAll(async () => {
    await api.kill();
  });

  it('answers 400 WEBHOOK_URL_REFUSED for http://, loopback, private, link-local and mapped addresses and localhost', async () => {
    const rest = restClient(api.url);
    const org = uniqueOrg('Ssrf');
    expect((await rest.createOrg(org)).status).toBe(201);
    const token = (await rest.login({ email: org.email, password: org.password })).body.access_token as string;
    for (const url of [
      'http://example.com/hook',
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://10.0.0.1/hook',
      'https://192.168.0.10/hook',
      'https://169.254.169.254/hook',
      'https://[::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[fd00::1]/hook',
      'https://user:pw@example.com/hook',
    ]) {
      const response = await rest.send('POST', '/webhooks/endpoints', {
        token,
        body: { url, event_types: ['organization.renamed'] },
      });
      expect(response.status, url).toBe(400);
      expect(response.body.data.appCode, url).toBe('WEBHOOK_URL_REFUSED');
      expect(response.body.message, url).toMatch(/^Webhook URL refused: /);
    }
    const listed = await rest.send('GET', '/webhooks/endpoints', { token });
    expect(listed.body.endpoints).toEqual([]);
  });
});
