import { startSession, type IssueSessionTokensDeps, type SessionTokens } from '../auth/issue-session-tokens.js';
import { assertPasswordPolicy, type PasswordHasher } from '../auth/password.js';
import type { AdminPrincipal } from '../auth/principal.js';
import type { ClientInfo } from '../auth/session.js';
import { AppError } from '../errors.js';
import { newIdFor, type IdSource } from '../ids.js';
import type { MembershipRepository, OrganizationCounterRepository } from '../members/ports.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { isVisible } from '../tenancy/visibility.js';
import { normalizeDisplayName } from '../users/display-name.js';
import type { UserRepository } from '../users/ports.js';
import type { User } from '../users/user.js';
import { invitationExpired, invitationInvalid, invitationRevoked, invitationUsed } from './invitation-errors.js';
import { hashInvitationToken } from './invitation-token.js';
import { stateAt, type Invitation } from './invitation.js';
import type { InvitationPolicy } from './policy.js';
import type { InvitationRepository } from './ports.js';

export type AcceptInvitationDeps = IssueSessionTokensDeps & {
  invitations: Pick<InvitationRepository, 'findByTokenHash' | 'findById' | 'transition'>;
  organizations: Pick<OrganizationRepository, 'findById'>;
  users: Pick<UserRepository, 'findById' | 'findByEmail' | 'insert'>;
  memberships: Pick<MembershipRepository, 'find' | 'insert'>;
  counters: Pick<OrganizationCounterRepository, 'adjust'>;
  passwords: Pick<PasswordHasher, 'hash'>;
  invitationPolicy: Pick<InvitationPolicy, 'maxMembersPerOrganization'>;
  newId?: IdSource | undefined;
};

export type AcceptInvitationInput = {
  token: string;
  /** The logged-in account accepting; absent for a new account created while accepting. */
  principal?: AdminPrincipal | undefined;
  displayName?: string | undefined;
  password?: string | undefined;
  client?: ClientInfo;
};

/** Each refusal has its own code; none of them changes anything. */
const refusalFor = (invitation: Invitation, now: Date): AppError | undefined => {
  switch (stateAt(invitation, now)) {
    case 'accepted':
      return invitationUsed();
    case 'revoked':
      return invitationRevoked();
    case 'expired':
      return invitationExpired();
    case 'pending':
      return undefined;
  }
};

/**
 * Joins the invitation's organization with its role and returns tokens acting there.
 * Everything that can refuse is checked before the first write; then the members
 * limit is reserved and the invitation moves to `accepted` by compare-and-set, so of
 * two racing accepts exactly one gets past it. A later failure undoes both.
 */
export const acceptInvitation = async (
  deps: AcceptInvitationDeps,
  input: AcceptInvitationInput,
): Promise<SessionTokens> => {
  const invitation = await deps.invitations.findByTokenHash(hashInvitationToken(input.token));
  if (!invitation) throw invitationInvalid();
  const refusal = refusalFor(invitation, deps.clock.now());
  if (refusal) throw refusal;
  const organization = await deps.organizations.findById(invitation.organizationId);
  if (!isVisible(organization)) throw invitationInvalid();

  const { user, isNew } = input.principal
    ? { user: await existingAccount(deps, input.principal, invitation), isNew: false }
    : { user: await newAccount(deps, input, invitation), isNew: true };

  const max = deps.invitationPolicy.maxMembersPerOrganization;
  if (!(await deps.counters.adjust(organization.id, 'members', 1, { max }))) {
    throw new AppError('LIMIT_REACHED', `This organization has ${max} members, the most it may have`, {
      limit: 'members',
      max,
    });
  }
  const now = deps.clock.now();
  const expected = { state: 'pending' as const, tokenHash: invitation.tokenHash };
  const accepted = await deps.invitations.transition(invitation.id, expected, {
    state: 'accepted',
    acceptedBy: user.id,
    updatedAt: now,
  });
  if (!accepted) {
    await deps.counters.adjust(organization.id, 'members', -1);
    const current = await deps.invitations.findById(invitation.id);
    throw (current && refusalFor(current, now)) ?? invitationInvalid();
  }
  await deps.counters.adjust(organization.id, 'pendingInvitations', -1);

  try {
    if (isNew) await deps.users.insert(user);
    await deps.memberships.insert({
      organizationId: organization.id,
      userId: user.id,
      role: invitation.role,
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    // E.g. the email was registered a moment ago: the invitation can still be accepted by it.
    await deps.invitations
      .transition(
        invitation.id,
        { state: 'accepted', tokenHash: invitation.tokenHash },
        { state: 'pending', acceptedBy: null },
      )
      .catch(() => undefined);
    await deps.counters.adjust(organization.id, 'pendingInvitations', 1).catch(() => undefined);
    await deps.counters.adjust(organization.id, 'members', -1).catch(() => undefined);
    throw error;
  }
  if (invitation.role === 'owner') await deps.counters.adjust(organization.id, 'owners', 1);
  return startSession(deps, user, organization.id, input.client ?? {});
};

const existingAccount = async (
  deps: AcceptInvitationDeps,
  principal: AdminPrincipal,
  invitation: Invitation,
): Promise<User> => {
  const user = await deps.users.findById(principal.adminId);
  if (!user) throw new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');
  if (user.email !== invitation.email) {
    throw new AppError(
      'INVITATION_EMAIL_MISMATCH',
      'This invitation is for another email address; log in with that account to accept it',
      { field: 'token' },
    );
  }
  if (await deps.memberships.find(invitation.organizationId, user.id)) {
    throw new AppError('MEMBER_EXISTS', 'You are already a member of this organization', { field: 'token' });
  }
  return user;
};

const newAccount = async (
  deps: AcceptInvitationDeps,
  input: AcceptInvitationInput,
  invitation: Invitation,
): Promise<User> => {
  if (await deps.users.findByEmail(invitation.email)) {
    throw new AppError(
      'UNAUTHENTICATED',
      'An account with this email exists: log in first, then accept with your access token',
      { field: 'token' },
    );
  }
  if (input.password === undefined || input.displayName === undefined) {
    throw new AppError('VALIDATION_FAILED', 'A new account needs display_name and password', {
      field: input.displayName === undefined ? 'display_name' : 'password',
    });
  }
  const displayName = normalizeDisplayName(input.displayName);
  assertPasswordPolicy(input.password);
  const now = deps.clock.now();
  return {
    id: newIdFor(deps),
    email: invitation.email,
    passwordHash: await deps.passwords.hash(input.password),
    displayName,
    sessionVersion: 1,
    createdAt: now,
    updatedAt: now,
  };
};
