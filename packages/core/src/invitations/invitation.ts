import type { Role } from '../members/role.js';

/**
 * `accepting`: claimed by one acceptor whose membership is not made yet (only they can
 * finish it, e.g. after a crash). A pending invitation past its expiry is expired before
 * any sweep stores it so.
 */
export type StoredInvitationState = 'pending' | 'accepting' | 'accepted' | 'revoked' | 'expired';

/** What everyone else sees: a claimed invitation is as good as accepted. */
export type InvitationState = Exclude<StoredInvitationState, 'accepting'>;

export type Invitation = {
  id: string;
  organizationId: string;
  /** Normalised like user emails; only the account with this email may accept. */
  email: string;
  role: Role;
  /** SHA-256 of the token; the token itself is only ever sent to the invitee. */
  tokenHash: string;
  state: StoredInvitationState;
  expiresAt: Date;
  invitedBy: string;
  acceptedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export const stateAt = (invitation: Invitation, now: Date): InvitationState => {
  if (invitation.state === 'accepting') return 'accepted';
  return invitation.state === 'pending' && invitation.expiresAt <= now ? 'expired' : invitation.state;
};

export type InvitationView = {
  id: string;
  organizationId: string;
  email: string;
  role: Role;
  state: InvitationState;
  expiresAt: Date;
  invitedBy: string;
  createdAt: Date;
};

export const toInvitationView = (invitation: Invitation, now: Date): InvitationView => ({
  id: invitation.id,
  organizationId: invitation.organizationId,
  email: invitation.email,
  role: invitation.role,
  state: stateAt(invitation, now),
  expiresAt: invitation.expiresAt,
  invitedBy: invitation.invitedBy,
  createdAt: invitation.createdAt,
});
