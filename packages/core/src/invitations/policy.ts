export type InvitationPolicy = {
  /** How long an invitation (or a re-sent one) can be accepted. */
  ttlSeconds: number;
  maxPendingPerOrganization: number;
  maxMembersPerOrganization: number;
  /** Builds the link the invitee opens, e.g. `${PUBLIC_APP_URL}/invitations/accept?token=...`. */
  acceptLink: (token: string) => string;
};

export const defaultInvitationPolicy: InvitationPolicy = {
  ttlSeconds: 7 * 86_400,
  maxPendingPerOrganization: 100,
  maxMembersPerOrganization: 1_000,
  acceptLink: (token) => `http://127.0.0.1:8000/invitations/accept?token=${encodeURIComponent(token)}`,
};
