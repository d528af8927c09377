import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startTestServer, type TestServer } from '@orgsphere/api/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createOrgSphereClient } from '../src/index.js';
import { verifyWebhook, WebhookVerificationError } from '../src/webhooks.js';

type Received = {
  body: string;
  headers: { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };
};
const received: Received[] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({
      body: Buffer.concat(chunks).toString('utf8'),
      headers: {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      },
    });
    res.writeHead(204).end();
  });
});
let server: TestServer;
let receiverUrl: string;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  receiver.close();
  await server.close();
});

/** This test server runs no dispatcher: relay and send by hand, until nothing is due. */
const dispatchAll = async () => {
  await server.services.webhooks.relayPending();
  while (await server.services.webhooks.dispatchNext()) {
    // next
  }
};

describe('verifyWebhook (@orgsphere/client/webhooks)', () => {
  it('accepts what the server signed, as the independent standardwebhooks package does, also with two secrets after a rotation', async () => {
    const s = `${Date.now().toString(36)}`;
    const org = { organization_name: `Verify ${s}`, email: `owner.${s}@verify.test`, password: 'correct-horse-42' };
    const anonymous = createOrgSphereClient({ url: server.url });
    await anonymous.org.create.mutate(org);
    const login = await anonymous.admin.login.mutate({ email: org.email, password: org.password });
    const owner = createOrgSphereClient({ url: server.url, token: login.access_token });
    const created = await owner.webhooks.create.mutate({ url: receiverUrl, event_types: ['organization.renamed'] });
    await owner.org.update.mutate({
      organization_name: org.organization_name,
      new_organization_name: `${org.organization_name} Two`,
    });
    await dispatchAll();
    const renamed = received.find((r) => r.body.includes('organization.renamed'))!;
    expect(renamed).toBeDefined();
    const ours = await verifyWebhook(created.secret, renamed.body, renamed.headers);
    expect(ours).toEqual(new Webhook(created.secret).verify(renamed.body, renamed.headers));
    expect(ours).toMatchObject({ type: 'organization.renamed', data: { name: `${org.organization_name} Two` } });
    // Plain Headers work too, and several candidate secrets.
    await expect(
      verifyWebhook(['whsec_' + btoa('w'.repeat(32)), created.secret], renamed.body, new Headers(renamed.headers)),
    ).resolves.toEqual(ours);

    const rotated = await owner.webhooks.rotateSecret.mutate({
      endpoint_id: created.endpoint.endpoint_id,
      overlap_seconds: 60,
    });
    await owner.webhooks.sendTest.mutate({ endpoint_id: created.endpoint.endpoint_id });
    await dispatchAll();
    const test = received.find((r) => r.body.includes('webhook.test'))!;
    expect(test.headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [created.secret, rotated.secret]) {
      await expect(verifyWebhook(secret, test.body, test.headers)).resolves.toMatchObject({ type: 'webhook.test' });
      expect(new Webhook(secret).verify(test.body, test.headers)).toMatchObject({ type: 'webhook.test' });
    }
    const log = await owner.webhooks.deliveries.query({ endpoint_id: created.endpoint.endpoint_id });
    expect(log.deliveries.map((d) => [d.event_type, d.status, d.last_attempt?.status_code])).toEqual([
      ['webhook.test', 'delivered', 204],
      ['organization.renamed', 'delivered', 204],
    ]);
  });

  it('accepts signatures made by the independent implementation, and refuses tampering, stale timestamps and missing headers', async () => {
    const secret = `whsec_${btoa('k'.repeat(32))}`;
    const signer = new Webhook(secret);
    const id = 'msg_independent';
    const now = new Date();
    const body = JSON.stringify({ type: 'organization.created', timestamp: now.toISOString(), data: { a: 1 } });
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signer.sign(id, now, body),
    };
    await expect(verifyWebhook(secret, body, headers)).resolves.toMatchObject({ type: 'organization.created' });
    await expect(verifyWebhook(secret, body.replace('1', '2'), headers)).rejects.toThrow(WebhookVerificationError);
    await expect(verifyWebhook(`whsec_${btoa('x'.repeat(32))}`, body, headers)).rejects.toThrow(/signature/);
    await expect(
      verifyWebhook(secret, body, headers, { nowSeconds: () => Math.floor(now.getTime() / 1000) + 301 }),
    ).rejects.toThrow(/tolerance/);
    await expect(verifyWebhook(secret, body, { ...headers, 'webhook-id': '' })).rejects.toThrow(/Missing/);
    await expect(verifyWebhook(secret, body, { ...headers, 'webhook-signature': 'v2,abc' })).rejects.toThrow(
      /signature/,
    );
  });
});
