import { assertPerson } from '../auth/authorize.js';
import { memberEvents } from '../webhooks/member-events.js';
import { startSession, type IssueSessionTokensDeps, type SessionTokens } from '../auth/issue-session-tokens.js';
import { assertPasswordPolicy, type PasswordHasher } from '../auth/password.js';
import type { AdminPrincipal } from '../auth/principal.js';
import type { ClientInfo } from '../auth/session.js';
import { AppError, isAppError } from '../errors.js';
import { newIdFor, type IdSource } from '../ids.js';
import type { MembershipRepository, OrganizationCounterRepository } from '../members/ports.js';
import { reachedStep, type StepHook } from '../tenancy/lifecycle-step.js';
import type { Organization } from '../tenancy/organization.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { assertOpenToMembers } from '../tenancy/visibility.js';
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
  passwords: Pick<PasswordHasher, 'hash' | 'verify'>;
  invitationPolicy: Pick<InvitationPolicy, 'maxMembersPerOrganization'>;
  newId?: IdSource | undefined;
  onStep?: StepHook | undefined;
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
 * Everything that can refuse is checked before the first write; then the members limit
 * is reserved and the invitation is claimed (`pending` -> `accepting`, naming the
 * acceptor) by compare-and-set, so of two racing accepts exactly one gets past it. An
 * ordinary failure after that undoes the claim; after a crash, the same acceptor
 * presenting the token again finishes the acceptance.
 */
export const acceptInvitation = async (
  deps: AcceptInvitationDeps,
  input: AcceptInvitationInput,
): Promise<SessionTokens> => {
  if (input.principal) assertPerson(input.principal, 'accept invitations');
  const invitation = await deps.invitations.findByTokenHash(hashInvitationToken(input.token));
  if (!invitation) throw invitationInvalid();
  const organization = await deps.organizations.findById(invitation.organizationId);
  assertOpenToMembers(organization, invitationInvalid);
  if (invitation.state === 'accepting') return resumeAcceptance(deps, invitation, organization, input);
  const refusal = refusalFor(invitation, deps.clock.now());
  if (refusal) throw refusal;

  const { user, isNew } = input.principal
    ? { user: await existingAccount(deps, input.principal, invitation), isNew: false }
    : { user: await newAccount(deps, input, invitation, newIdFor(deps)), isNew: true };

  const max = deps.invitationPolicy.maxMembersPerOrganization;
  if (!(await deps.counters.adjust(organization.id, 'members', 1, { max }))) {
    throw new AppError('LIMIT_REACHED', `This organization has ${max} members, the most it may have`, {
      limit: 'members',
      max,
    });
  }
  const now = deps.clock.now();
  const claimed = await deps.invitations.transition(
    invitation.id,
    { state: 'pending', tokenHash: invitation.tokenHash },
    { state: 'accepting', acceptedBy: user.id, updatedAt: now },
  );
  if (!claimed) {
    await deps.counters.adjust(organization.id, 'members', -1);
    const current = await deps.invitations.findById(invitation.id);
    throw (current && refusalFor(current, now)) ?? invitationInvalid();
  }
  await deps.counters.adjust(organization.id, 'pendingInvitations', -1);
  await reachedStep(deps, 'accept:claimed');

  try {
    if (isNew) await deps.users.insert(user);
    await reachedStep(deps, 'accept:user-created');
  } catch (error) {
    if (isCrash(error)) throw error;
    // E.g. the email was registered a moment ago: the invitation can still be accepted by it.
    await deps.invitations
      .transition(
        invitation.id,
        { state: 'accepting', tokenHash: invitation.tokenHash },
        { state: 'pending', acceptedBy: null },
      )
      .catch(() => undefined);
    await deps.counters.adjust(organization.id, 'pendingInvitations', 1).catch(() => undefined);
    await deps.counters.adjust(organization.id, 'members', -1).catch(() => undefined);
    throw error;
  }
  return finishAcceptance(deps, claimed, organization, user, input.client);
};

/** Only AppErrors are ordinary refusals; anything else may have stopped the process midway. */
const isCrash = (error: unknown) => !isAppError(error);

/** Makes the membership of a claimed invitation, marks it accepted and opens a session. */
const finishAcceptance = async (
  deps: AcceptInvitationDeps,
  invitation: Invitation,
  organization: Organization,
  user: User,
  client: ClientInfo = {},
): Promise<SessionTokens> => {
  const now = deps.clock.now();
  const membership = {
    organizationId: organization.id,
    userId: user.id,
    role: invitation.role,
    createdAt: now,
    updatedAt: now,
  };
  // The event is part of the insert: a resumed acceptance that finds the membership adds none.
  const made = await deps.memberships.insert(membership, memberEvents.joined(membership, invitation.id, now)).then(
    () => true,
    (error: unknown) => {
      // A resumed acceptance finds the membership its first attempt made.
      if (isAppError(error) && error.code === 'MEMBER_EXISTS') return false;
      throw error;
    },
  );
  // Counted only by whoever made the owner, so the count never exceeds the owners.
  if (made && invitation.role === 'owner') await deps.counters.adjust(organization.id, 'owners', 1);
  await deps.invitations.transition(
    invitation.id,
    { state: 'accepting', tokenHash: invitation.tokenHash },
    { state: 'accepted', updatedAt: now },
  );
  return startSession(deps, user, organization.id, client);
};

/**
 * An acceptance that stopped after its claim: only the acceptor it names may finish it,
 * proving who they are with their session or (a new account) the password they chose.
 */
const resumeAcceptance = async (
  deps: AcceptInvitationDeps,
  invitation: Invitation,
  organization: Organization,
  input: AcceptInvitationInput,
): Promise<SessionTokens> => {
  const acceptorId = invitation.acceptedBy;
  if (acceptorId === null) throw invitationUsed();
  if (input.principal) {
    if (input.principal.adminId !== acceptorId) throw invitationUsed();
    const user = await deps.users.findById(acceptorId);
    if (!user) throw invitationUsed();
    return finishAcceptance(deps, invitation, organization, user, input.client);
  }
  const existing = await deps.users.findById(acceptorId);
  if (existing) {
    const proven = input.password !== undefined && (await deps.passwords.verify(existing.passwordHash, input.password));
    if (!proven) throw invitationUsed();
    return finishAcceptance(deps, invitation, organization, existing, input.client);
  }
  const user = await newAccount(deps, input, invitation, acceptorId);
  await deps.users.insert(user);
  return finishAcceptance(deps, invitation, organization, user, input.client);
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
  id: string,
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
    id,
    email: invitation.email,
    passwordHash: await deps.passwords.hash(input.password),
    displayName,
    sessionVersion: 1,
    createdAt: now,
    updatedAt: now,
  };
};
