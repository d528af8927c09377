import { memberEvents } from '../webhooks/member-events.js';
import { normalizeEmail } from '../auth/email.js';
import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { newIdFor, type IdSource } from '../ids.js';
import { assertAllowed } from '../auth/authorize.js';
import type { MembershipRepository, OrganizationCounterRepository } from '../members/ports.js';
import type { Role } from '../members/role.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { isVisible } from '../tenancy/visibility.js';
import { addSeconds } from '../time.js';
import type { UserRepository } from '../users/ports.js';
import { deliverInvitation, type DeliverInvitationDeps } from './deliver-invitation.js';
import { toInvitationView, type Invitation, type InvitationView } from './invitation.js';
import { generateInvitationToken, hashInvitationToken } from './invitation-token.js';
import type { InvitationPolicy } from './policy.js';
import type { InvitationRepository } from './ports.js';
import { reserveInvitationSlot, type ReserveInvitationSlotDeps } from './reserve-invitation-slot.js';

export type InviteMemberDeps = ReserveInvitationSlotDeps &
  DeliverInvitationDeps & {
    invitations: Pick<InvitationRepository, 'insert'>;
    organizations: Pick<OrganizationRepository, 'findById'>;
    users: Pick<UserRepository, 'findById' | 'findByEmail'>;
    memberships: Pick<MembershipRepository, 'find'>;
    counters: Pick<OrganizationCounterRepository, 'adjust'>;
    invitationPolicy: InvitationPolicy;
    newId?: IdSource | undefined;
  };

export type SentInvitation = { invitation: InvitationView; acceptLink: string | null };

/** Owners and admins invite; only owners invite owners. */
export const assertMayInvite = (principal: AdminPrincipal, role: Role): void => {
  assertAllowed(principal, 'members.invite');
  if (role === 'owner') assertAllowed(principal, 'owners.manage');
};

export const inviteMember = async (
  deps: InviteMemberDeps,
  principal: AdminPrincipal,
  input: { email: string; role: Role },
): Promise<SentInvitation> => {
  assertMayInvite(principal, input.role);
  const email = normalizeEmail(input.email);
  const [organization, inviter, invitee] = await Promise.all([
    deps.organizations.findById(principal.organizationId),
    deps.users.findById(principal.adminId),
    deps.users.findByEmail(email),
  ]);
  // An API key invites as itself: no user stands behind it.
  if (!isVisible(organization) || (!inviter && !principal.apiKey)) {
    throw new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');
  }
  if (invitee && (await deps.memberships.find(organization.id, invitee.id))) {
    throw new AppError('MEMBER_EXISTS', `${email} is already a member of this organization`, { field: 'email' });
  }

  await reserveInvitationSlot(deps, organization.id);
  const now = deps.clock.now();
  const token = generateInvitationToken();
  const invitation: Invitation = {
    id: newIdFor(deps),
    organizationId: organization.id,
    email,
    role: input.role,
    tokenHash: hashInvitationToken(token),
    state: 'pending',
    expiresAt: addSeconds(now, deps.invitationPolicy.ttlSeconds),
    invitedBy: inviter?.id ?? principal.adminId,
    acceptedBy: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await deps.invitations.insert(invitation, memberEvents.invitationCreated(invitation, now));
  } catch (error) {
    await deps.counters.adjust(organization.id, 'pendingInvitations', -1).catch(() => undefined);
    throw error;
  }
  const { acceptLink } = await deliverInvitation(deps, invitation, token, {
    organizationName: organization.name,
    inviterName: inviter?.displayName ?? principal.apiKey?.name ?? '',
  });
  return { invitation: toInvitationView(invitation, now), acceptLink };
};
