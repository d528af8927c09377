import { memberEvents } from '../webhooks/member-events.js';
import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { assertAllowed } from '../auth/authorize.js';
import type { OrganizationCounterRepository } from '../members/ports.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import type { Clock } from '../time.js';
import { addSeconds } from '../time.js';
import type { UserRepository } from '../users/ports.js';
import { deliverInvitation, type DeliverInvitationDeps } from './deliver-invitation.js';
import { invitationNotFound, invitationUsed } from './invitation-errors.js';
import { generateInvitationToken, hashInvitationToken } from './invitation-token.js';
import { toInvitationView, type Invitation, type InvitationView } from './invitation.js';
import { assertMayInvite, type SentInvitation } from './invite-member.js';
import type { InvitationPolicy } from './policy.js';
import type { InvitationRepository } from './ports.js';
import { reserveInvitationSlot, type ReserveInvitationSlotDeps } from './reserve-invitation-slot.js';

export type ManageInvitationsDeps = ReserveInvitationSlotDeps &
  DeliverInvitationDeps & {
    invitations: Pick<InvitationRepository, 'findById' | 'listByOrganization' | 'transition'>;
    organizations: Pick<OrganizationRepository, 'findById'>;
    users: Pick<UserRepository, 'findById'>;
    counters: Pick<OrganizationCounterRepository, 'adjust'>;
    invitationPolicy: InvitationPolicy;
    clock: Clock;
  };

/** The invitations of the caller's active organization, newest first (owners and admins). */
export const listInvitations = async (
  deps: Pick<ManageInvitationsDeps, 'invitations' | 'clock'>,
  principal: AdminPrincipal,
): Promise<InvitationView[]> => {
  assertAllowed(principal, 'members.invite');
  const now = deps.clock.now();
  return (await deps.invitations.listByOrganization(principal.organizationId)).map((i) => toInvitationView(i, now));
};

const findOwn = async (
  deps: Pick<ManageInvitationsDeps, 'invitations'>,
  principal: AdminPrincipal,
  invitationId: string,
): Promise<Invitation> => {
  const invitation = await deps.invitations.findById(invitationId);
  // Another organization's invitation is as absent as a missing one.
  if (!invitation || invitation.organizationId !== principal.organizationId) throw invitationNotFound();
  assertMayInvite(principal, invitation.role);
  return invitation;
};

/** Revokes a pending (or expired) invitation; its token stops working at once. Idempotent. */
export const revokeInvitation = async (
  deps: ManageInvitationsDeps,
  principal: AdminPrincipal,
  invitationId: string,
): Promise<InvitationView> => {
  const invitation = await findOwn(deps, principal, invitationId);
  const now = deps.clock.now();
  if (invitation.state === 'accepted' || invitation.state === 'accepting') throw invitationUsed();
  if (invitation.state === 'revoked') return toInvitationView(invitation, now);
  const revoked = await deps.invitations.transition(
    invitation.id,
    { state: invitation.state, tokenHash: invitation.tokenHash },
    { state: 'revoked', updatedAt: now },
    memberEvents.invitationRevoked(invitation, now),
  );
  if (!revoked) return revokeInvitation(deps, principal, invitationId);
  // An invitation swept to `expired` already gave its place back.
  if (invitation.state === 'pending') await deps.counters.adjust(invitation.organizationId, 'pendingInvitations', -1);
  return toInvitationView(revoked, now);
};

/** Issues a new token (the old one stops working) with a new expiry, and delivers it again. */
export const resendInvitation = async (
  deps: ManageInvitationsDeps,
  principal: AdminPrincipal,
  invitationId: string,
): Promise<SentInvitation> => {
  const invitation = await findOwn(deps, principal, invitationId);
  if (invitation.state === 'accepted' || invitation.state === 'accepting') throw invitationUsed();
  if (invitation.state === 'revoked') {
    throw new AppError('INVITATION_REVOKED', 'This invitation was revoked; send a new one', {
      field: 'invitation_id',
    });
  }
  const [organization, inviter] = await Promise.all([
    deps.organizations.findById(invitation.organizationId),
    deps.users.findById(principal.adminId),
  ]);
  // An expired invitation counts as pending again once re-sent.
  if (invitation.state === 'expired') await reserveInvitationSlot(deps, invitation.organizationId);
  const now = deps.clock.now();
  const token = generateInvitationToken();
  const resent = await deps.invitations.transition(
    invitation.id,
    { state: invitation.state, tokenHash: invitation.tokenHash },
    {
      state: 'pending',
      tokenHash: hashInvitationToken(token),
      expiresAt: addSeconds(now, deps.invitationPolicy.ttlSeconds),
      updatedAt: now,
    },
  );
  if (!resent) {
    if (invitation.state === 'expired') await deps.counters.adjust(invitation.organizationId, 'pendingInvitations', -1);
    throw new AppError('MEMBERSHIP_CHANGED', 'This invitation was changed by another request; reload and retry');
  }
  const { acceptLink } = await deliverInvitation(deps, resent, token, {
    organizationName: organization?.name ?? '',
    inviterName: inviter?.displayName ?? principal.apiKey?.name ?? '',
  });
  return { invitation: toInvitationView(resent, now), acceptLink };
};
