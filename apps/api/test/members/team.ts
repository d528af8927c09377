import type { Role } from '@orgsphere/core';
import { expect } from 'vitest';

import { uniqueOrg, type RestClient } from '../rest-helpers.js';

export type Person = { email: string; password: string; token: string; refreshToken: string; userId: string };

export type Team = {
  organization_name: string;
  organizationId: string;
  owner: Person;
  byRole: Record<Role, Person>;
};

let counter = 0;
export const uniquePerson = (label: string) => {
  counter += 1;
  const suffix = `${Date.now().toString(36)}${counter}`;
  return {
    email: `${label}.${suffix}@example.com`,
    password: `Pass-${suffix}-word`,
    display_name: `${label} ${suffix}`,
  };
};

/** The token inside an accept link (what the invitee would click). */
export const tokenOf = (acceptLink: string): string => new URL(acceptLink).searchParams.get('token')!;

/** Where the accept link arrives: the response (no SMTP) or, given this, an email. */
export type LinkSource = (invited: { email: string; acceptLink: string | null }) => string;
const fromResponse: LinkSource = ({ acceptLink }) => acceptLink!;

/** Invites a new person with `role` through the API and accepts as them: returns their session. */
export const join = async (
  api: RestClient,
  inviterToken: string,
  role: Role,
  label: string = role,
  linkOf: LinkSource = fromResponse,
): Promise<Person> => {
  const person = uniquePerson(label);
  const invited = await api.send('POST', '/invitations', { token: inviterToken, body: { email: person.email, role } });
  expect(invited.status, JSON.stringify(invited.body)).toBe(200);
  const accepted = await api.send('POST', '/invitations/accept', {
    body: {
      token: tokenOf(linkOf({ email: person.email, acceptLink: invited.body.accept_link })),
      display_name: person.display_name,
      password: person.password,
    },
  });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return {
    ...person,
    token: accepted.body.access_token,
    refreshToken: accepted.body.refresh_token,
    userId: accepted.body.admin_id,
  };
};

/** An organization made through the original contract, with one member of each role. */
export const createTeam = async (api: RestClient, label = 'Team', linkOf: LinkSource = fromResponse): Promise<Team> => {
  const org = uniqueOrg(label);
  const created = await api.createOrg(org);
  expect(created.status).toBe(201);
  const login = await api.login({ email: org.email, password: org.password });
  const owner = {
    email: org.email,
    password: org.password,
    token: login.body.access_token,
    refreshToken: login.body.refresh_token,
    userId: login.body.admin_id,
  };
  const admin = await join(api, owner.token, 'admin', 'admin', linkOf);
  const member = await join(api, owner.token, 'member', 'member', linkOf);
  return {
    organization_name: org.organization_name,
    organizationId: created.body.organization_id,
    owner,
    byRole: { owner, admin, member },
  };
};
