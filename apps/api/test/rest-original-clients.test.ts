import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestServer } from '../src/testing/index.js';
import { openArena, type Arena } from './arena.js';
import { uniqueOrg, type RestClient } from './rest-helpers.js';

// Issue 13: the clients written for the original (FastAPI) service must work unchanged.
let server: TestServer;
let api: RestClient;
let tenant: Arena['tenant'];

beforeAll(async () => {
  ({ server, api, tenant } = await openArena());
});
afterAll(() => server.close());

const named = (organizationName: string) =>
  `?${new URLSearchParams({ organization_name: organizationName }).toString()}`;

describe('POST aliases of PUT /org/update and DELETE /org/delete', () => {
  it('POST /org/update renames like PUT, and refuses the same way', async () => {
    const org = await tenant('PostRename');
    const newName = uniqueOrg('PostRenamed').organization_name;
    expect(
      (
        await api.send('POST', '/org/update', {
          body: { organization_name: org.organization_name, new_organization_name: newName },
        })
      ).status,
    ).toBe(401);
    const renamed = await api.send('POST', '/org/update', {
      token: org.token,
      body: { organization_name: org.organization_name, new_organization_name: newName },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ organization_name: newName, organization_id: org.organizationId });
    expect((await api.getOrg(newName)).body.organization_id).toBe(org.organizationId);
    const nothing = await api.send('POST', '/org/update', { token: org.token, body: { organization_name: newName } });
    expect(nothing.status).toBe(400);
    expect(nothing.body).toEqual((await api.updateOrg({ organization_name: newName }, org.token)).body);
  });

  it('POST /org/delete deletes like DELETE, with the name in the query string or the JSON body', async () => {
    const byQuery = await tenant('PostDeleteQuery');
    expect((await api.send('POST', `/org/delete${named(byQuery.organization_name)}`)).status).toBe(401);
    const deleted = await api.send('POST', `/org/delete${named(byQuery.organization_name)}`, { token: byQuery.token });
    expect(deleted.status).toBe(200);
    expect(deleted.body.organization_id).toBe(byQuery.organizationId);
    expect((await api.getOrg(byQuery.organization_name)).status).toBe(404);

    const byBody = await tenant('PostDeleteBody');
    const viaBody = await api.send('POST', '/org/delete', {
      token: byBody.token,
      body: { organization_name: byBody.organization_name },
    });
    expect(viaBody.status).toBe(200);
    expect(viaBody.body.organization_id).toBe(byBody.organizationId);
    expect((await api.getOrg(byBody.organization_name)).status).toBe(404);
  });
});

describe('DELETE /org/delete with a JSON body', () => {
  it('takes organization_name from the body like the query parameter', async () => {
    const org = await tenant('BodyDelete');
    const other = await tenant('BodyBystander');
    expect(
      (
        await api.send('DELETE', '/org/delete', {
          token: other.token,
          body: { organization_name: org.organization_name },
        })
      ).status,
    ).toBe(403);
    const deleted = await api.send('DELETE', '/org/delete', {
      token: org.token,
      body: { organization_name: org.organization_name },
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body.organization_id).toBe(org.organizationId);
    expect((await api.getOrg(org.organization_name)).status).toBe(404);
  });

  it('accepts the same name in both places, and refuses different ones with a 400 naming the field', async () => {
    const org = await tenant('BothPlaces');
    const decoy = await tenant('BothDecoy');
    const conflict = await api.send('DELETE', `/org/delete${named(org.organization_name)}`, {
      token: org.token,
      body: { organization_name: decoy.organization_name },
    });
    expect(conflict.status).toBe(400);
    expect(conflict.body.message).toContain('organization_name');
    expect(conflict.body.data).toMatchObject({ appCode: 'VALIDATION_FAILED', field: 'organization_name' });
    expect((await api.getOrg(org.organization_name)).status).toBe(200);
    expect((await api.getOrg(decoy.organization_name)).status).toBe(200);

    const same = await api.send('DELETE', `/org/delete${named(org.organization_name)}`, {
      token: org.token,
      body: { organization_name: org.organization_name },
    });
    expect(same.status).toBe(200);
    expect(same.body.organization_id).toBe(org.organizationId);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const org = await tenant('TextBody');
    const text = await api.send('DELETE', `/org/delete${named(org.organization_name)}`, {
      token: org.token,
      rawBody: 'organization_name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect((await api.getOrg(org.organization_name)).status).toBe(200);
  });
});

describe("error bodies carry FastAPI's detail", () => {
  it('beside message, on procedure errors, unknown routes and errors raised before a route runs', async () => {
    const org = await tenant('Detail');
    const answers = await Promise.all([
      api.getOrg('No Such Org Anywhere'),
      api.send('GET', '/org/get'),
      api.createOrg({ ...uniqueOrg(), organization_name: org.organization_name }),
      api.updateOrg({ organization_name: org.organization_name, email: 'x@example.com' }),
      api.login({ email: org.email, password: 'wrong-password-1' }),
      api.send('GET', '/no/such/route'),
      api.send('POST', '/org/create', { rawBody: '{"organization_name": ' }),
      api.send('POST', '/org/create', { rawBody: '<org/>', headers: { 'content-type': 'application/xml' } }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 400, 409, 401, 401, 404, 400, 415]);
    for (const answer of answers) {
      expect(typeof answer.body.detail).toBe('string');
      expect(answer.body.detail).toBe(answer.body.message);
      expect(answer.body.detail.length).toBeGreaterThan(0);
    }
    expect(answers[2]?.body.detail).toContain('already exists');
  });

  it('leaves the tRPC error shape as tRPC defines it', async () => {
    const response = await fetch(
      `${server.url}/trpc/org.get?input=${encodeURIComponent(JSON.stringify({ organization_name: 'No Such Org Anywhere' }))}`,
    );
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(response.status).toBe(404);
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'data', 'message']);
  });
});

describe('the OpenAPI document', () => {
  it('describes the aliases as deprecated operations, and the optional DELETE body', async () => {
    const { paths } = (await api.send('GET', '/openapi.json')).body;
    expect(Object.keys(paths['/org/update']).sort()).toEqual(['post', 'put']);
    expect(Object.keys(paths['/org/delete']).sort()).toEqual(['delete', 'post']);
    for (const [path, method] of [
      ['/org/update', 'put'],
      ['/org/delete', 'delete'],
    ] as const) {
      const original = paths[path][method];
      const alias = paths[path].post;
      expect(original.deprecated).toBeUndefined();
      expect(alias.deprecated).toBe(true);
      expect(alias.operationId).not.toBe(original.operationId);
      expect(alias.security).toEqual(original.security);
      expect(alias.responses).toEqual(original.responses);
    }
    const body = paths['/org/delete'].delete.requestBody;
    expect(body.required).toBe(false);
    expect(Object.keys(body.content['application/json'].schema.properties)).toEqual([
      'organization_name',
      'confirm_purge',
    ]);
    const operationIds = Object.values(paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId),
    );
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });
});
