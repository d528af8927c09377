import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { startApiProcess, type ApiProcess } from '../../src/testing/index.js';
import { restClient, uniqueOrg } from '../rest-helpers.js';

const databases: string[] = [];
const processes: ApiProcess[] = [];

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill('SIGTERM')));
  const client = new MongoClient(inject('mongoUri'));
  await client.connect();
  for (const name of databases) await client.db(name).dropDatabase();
  await client.close();
});

/** Starts the real entry point in `nodeEnv` without SMTP, invites someone, returns the token sent back. */
const inviteOn = async (nodeEnv: 'production' | 'test') => {
  const masterDbName = `test_links_${nodeEnv}_${Date.now().toString(36)}`;
  databases.push(masterDbName);
  const api = await startApiProcess({
    NODE_ENV: nodeEnv,
    MONGO_URI: inject('mongoUri'),
    MASTER_DB_NAME: masterDbName,
    PUBLIC_APP_URL: 'https://app.orgsphere.test',
  });
  processes.push(api);
  const client = restClient(api.url);
  const org = uniqueOrg('Links');
  expect((await client.createOrg(org)).status).toBe(201);
  const login = await client.login({ email: org.email, password: org.password });
  const sent = await client.send('POST', '/invitations', {
    token: login.body.access_token,
    body: { email: `invitee.${org.email}` },
  });
  expect(sent.status).toBe(200);
  const link = sent.body.accept_link as string;
  expect(link).toMatch(/^https:\/\/app\.orgsphere\.test\/invitations\/accept\?token=/);
  return { api, token: new URL(link).searchParams.get('token')!, client };
};

describe('accept links without SMTP', () => {
  it('are returned to the inviter and never logged in production', async () => {
    const { api, token } = await inviteOn('production');
    // The invitation request's own log line comes after anything logged while it ran.
    await api.waitForLog((line) => JSON.stringify(line).includes('invitations'), 10_000);
    await expect(api.waitForLog((line) => JSON.stringify(line).includes(token), 500)).rejects.toThrow(/in time/);
  });
});
