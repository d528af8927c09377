import type { InvitationMailer, InvitationMessage } from '@orgsphere/core';
import { createTransport } from 'nodemailer';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The invitation email, as plain text and HTML. */
export const composeInvitationEmail = (message: InvitationMessage) => {
  const subject = `${message.inviterName} invited you to ${message.organizationName} on OrgSphere`;
  const expires = message.expiresAt.toISOString();
  const text = [
    `${message.inviterName} invited you to join ${message.organizationName} as ${message.role}.`,
    '',
    `Accept the invitation: ${message.acceptLink}`,
    '',
    `The link works once and expires at ${expires}. If you did not expect it, ignore this email.`,
  ].join('\n');
  const link = escapeHtml(message.acceptLink);
  const html = [
    `<p>${escapeHtml(message.inviterName)} invited you to join <strong>${escapeHtml(message.organizationName)}</strong> as ${escapeHtml(message.role)}.</p>`,
    `<p><a href="${link}">Accept the invitation</a></p>`,
    `<p>The link works once and expires at ${escapeHtml(expires)}. If you did not expect it, ignore this email.</p>`,
  ].join('\n');
  return { subject, text, html };
};

/** Sends invitations through the SMTP server of `SMTP_URL` (nodemailer, pooled connections). */
export const createSmtpMailer = (options: { url: string; from: string }): InvitationMailer & { close(): void } => {
  const transport = createTransport(options.url);
  return {
    async send(message) {
      await transport.sendMail({ from: options.from, to: message.to, ...composeInvitationEmail(message) });
    },
    close: () => transport.close(),
  };
};
