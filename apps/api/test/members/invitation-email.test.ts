import { defaultInvitationPolicy } from '@orgsphere/core';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createSmtpMailer } from '../../src/invitations/smtp-mailer.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { restClient, type RestClient } from '../rest-helpers.js';
import { createTeam, uniquePerson } from './team.js';

type Received = { from: string; to: string[]; raw: string };

let smtp: SMTPServer;
let received: Received[];
let server: TestServer;
let api: RestClient;
let mailer: ReturnType<typeof createSmtpMailer>;

/** Undoes quoted-printable (soft line breaks and =XX), enough to read the bodies. */
const decodeQuotedPrintable = (text: string) =>
  text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The accept link of the last email to `email`. */
const emailedLink = ({ email }: { email: string }) => {
  const message = received.findLast((m) => m.to.includes(email));
  return /https:\/\/app\.orgsphere\.test\/invitations\/accept\?token=[\w%-]+/.exec(
    decodeQuotedPrintable(message!.raw),
  )![0];
};

beforeAll(async () => {
  received = [];
  // A real SMTP server on a loopback port: nodemailer speaks the whole protocol to it.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'OrgSphere <invites@orgsphere.test>' });
  server = await startTestServer(inject('mongoUri'), {
    mailer,
    invitationPolicy: {
      ...defaultInvitationPolicy,
      acceptLink: (token) => `https://app.orgsphere.test/invitations/accept?token=${encodeURIComponent(token)}`,
    },
  });
  api = restClient(server.url);
});
afterAll(async () => {
  await server.close();
  mailer.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('invitation emails over SMTP', () => {
  it('sends plain text and HTML with the accept link, and does not return the link to the inviter', async () => {
    const team = await createTeam(api, 'Mailed', emailedLink);
    // The team's own two invitations went out by email too.
    expect(received.flatMap((m) => m.to)).toEqual([team.byRole.admin.email, team.byRole.member.email]);

    const person = uniquePerson('mailed');
    const sent = await api.send('POST', '/invitations', {
      token: team.owner.token,
      body: { email: person.email, role: 'admin' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.accept_link).toBeNull();

    const message = received.at(-1)!;
    expect(message.to).toEqual([person.email]);
    expect(message.from).toBe('invites@orgsphere.test');
    expect(message.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(message.raw).toMatch(/Content-Type: text\/plain/i);
    expect(message.raw).toMatch(/Content-Type: text\/html/i);
    const body = decodeQuotedPrintable(message.raw);
    expect(body).toContain(team.organization_name);
    const link = /https:\/\/app\.orgsphere\.test\/invitations\/accept\?token=[\w%-]+/.exec(body)?.[0];
    expect(link).toBeDefined();
    expect(body).toContain(`href="${link}"`);

    // The emailed link is the one that works.
    const accepted = await api.send('POST', '/invitations/accept', {
      body: { token: new URL(link!).searchParams.get('token'), display_name: 'Mailed', password: person.password },
    });
    expect(accepted.status).toBe(200);
    const members = await api.send('GET', '/members', { token: team.owner.token });
    expect(members.body.members.find((m: { email: string }) => m.email === person.email).role).toBe('admin');
  });

  it('re-sends with a new link; the old one stops working', async () => {
    const team = await createTeam(api, 'Resent', emailedLink);
    const person = uniquePerson('resent');
    const sent = await api.send('POST', '/invitations', { token: team.owner.token, body: { email: person.email } });
    const first = decodeQuotedPrintable(received.at(-1)!.raw);
    await api.send('POST', '/invitations/resend', {
      token: team.owner.token,
      body: { invitation_id: sent.body.invitation_id },
    });
    const second = decodeQuotedPrintable(received.at(-1)!.raw);
    const tokenIn = (text: string) => /token=([\w%-]+)/.exec(text)![1]!;
    expect(tokenIn(second)).not.toBe(tokenIn(first));
    const old = await api.send('POST', '/invitations/accept', {
      body: { token: decodeURIComponent(tokenIn(first)), display_name: 'R', password: person.password },
    });
    expect(old.body.data.appCode).toBe('INVITATION_INVALID');
  });
});
