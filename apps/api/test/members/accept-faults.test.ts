import type { LifecycleStep } from '@orgsphere/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { restClient, type RestClient } from '../rest-helpers.js';
import { createTeam, tokenOf, uniquePerson } from './team.js';

/** The process "dies" right after the step, as in the lifecycle fault tests. */
let crashAfter: LifecycleStep | undefined;
class SimulatedCrash extends Error {}

let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  server = await startTestServer(inject('mongoUri'), {
    onStep: (step) => {
      if (step === crashAfter) {
        crashAfter = undefined;
        throw new SimulatedCrash(`simulated crash after ${step}`);
      }
    },
  });
  api = restClient(server.url);
});
afterAll(() => server.close());

const counts = (organizationId: string) =>
  server.db.collection('organization_counters').findOne({ _id: organizationId as never });

describe('an acceptance interrupted after any step', () => {
  it.each<LifecycleStep>(['accept:claimed', 'accept:user-created'])(
    'is finished by the new account presenting the token and its password again (%s)',
    async (step) => {
      const team = await createTeam(api, 'Crash accept');
      const person = uniquePerson('crashy');
      const sent = await api.send('POST', '/invitations', { token: team.owner.token, body: { email: person.email } });
      const body = { token: tokenOf(sent.body.accept_link), display_name: 'Crashy', password: person.password };
      crashAfter = step;
      expect((await api.send('POST', '/invitations/accept', { body })).status).toBe(500);

      if (step === 'accept:user-created') {
        // The account exists: only its password finishes the acceptance (the token alone does not).
        const guess = await api.send('POST', '/invitations/accept', { body: { ...body, password: 'another-pass-1' } });
        expect(guess.body.data.appCode).toBe('INVITATION_ALREADY_ACCEPTED');
      }
      // The retry, as the person would do after an error page.
      const resumed = await api.send('POST', '/invitations/accept', { body });
      expect(resumed.status).toBe(200);
      const login = await api.login({ email: person.email, password: person.password });
      expect(login.body.organization_id).toBe(team.organizationId);
      expect(await server.db.collection('users').countDocuments({ email: person.email })).toBe(1);
      expect((await server.db.collection('invitations').findOne({ _id: sent.body.invitation_id }))?.state).toBe(
        'accepted',
      );
      expect(await counts(team.organizationId)).toMatchObject({ members: 4, pending_invitations: 0, owners: 1 });
      // Finished once: the token is spent now.
      expect((await api.send('POST', '/invitations/accept', { body })).body.data.appCode).toBe(
        'INVITATION_ALREADY_ACCEPTED',
      );
    },
  );

  it('is finished by the logged-in acceptor retrying, and by nobody else', async () => {
    const team = await createTeam(api, 'Crash existing');
    const other = await createTeam(api, 'Crash other');
    const person = other.byRole.member;
    const sent = await api.send('POST', '/invitations', {
      token: team.owner.token,
      body: { email: person.email, role: 'owner' },
    });
    const body = { token: tokenOf(sent.body.accept_link) };
    crashAfter = 'accept:claimed';
    expect((await api.send('POST', '/invitations/accept', { token: person.token, body })).status).toBe(500);
    expect((await api.send('POST', '/invitations/accept', { token: other.owner.token, body })).body.data.appCode).toBe(
      'INVITATION_ALREADY_ACCEPTED',
    );
    const resumed = await api.send('POST', '/invitations/accept', { token: person.token, body });
    expect([resumed.status, resumed.body.organization_id]).toEqual([200, team.organizationId]);
    expect(await counts(team.organizationId)).toMatchObject({ members: 4, owners: 2, pending_invitations: 0 });
  });
});
