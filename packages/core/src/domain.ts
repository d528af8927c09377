import type { ApiKeyView } from './api-keys/api-key.js';
import {
  createApiKey,
  listApiKeys,
  revokeApiKey,
  rotateApiKey,
  type CreateApiKeyInput,
  type IssuedApiKey,
  type ManageApiKeysDeps,
} from './api-keys/manage-api-keys.js';
import type { InvitationView } from './invitations/invitation.js';
import type { SentInvitation } from './invitations/invite-member.js';
import type { MemberView } from './members/member-view.js';
import type { MyOrganization } from './members/my-organizations.js';
import type { RemovedMember } from './members/remove-member.js';
import type { Me } from './members/who-am-i.js';
import type { AuditEvent, AuditFilter, AuditPage } from './audit/audit-event.js';
import { listAuditEvents } from './audit/list-audit-events.js';
import type { AuditLog } from './audit/ports.js';
import { authenticate, type AuthenticateDeps } from './auth/authenticate.js';
import { changePassword, type ChangePasswordDeps, type ChangePasswordInput } from './auth/change-password.js';
import type { SessionTokens } from './auth/issue-session-tokens.js';
import { createDummyHash, login, type LoginDeps, type LoginInput } from './auth/login.js';
import { logout, logoutAll } from './auth/logout.js';
import { listMySessions, revokeMySession, type MySession } from './auth/my-sessions.js';
import type { SessionRepository } from './auth/ports.js';
import type { AdminPrincipal } from './auth/principal.js';
import type { OrganizationRepository } from './tenancy/ports.js';
import { exportOrganization, importOrganization } from './export/export-organization.js';
import type { ImportReport, OrganizationArchive } from './export/ports.js';
import {
  listOrganizations,
  type ListOrganizationsInput,
  type OrganizationPage,
} from './operators/list-organizations.js';
import type { OperatorPrincipal } from './operators/operator.js';
import {
  authenticateOperator,
  loginOperator,
  type OperatorLoginDeps,
  type OperatorSession,
} from './operators/operator-login.js';
import type { OperatorTokenService } from './operators/operator-tokens.js';
import {
  readOrganization,
  suspendOrganization,
  unsuspendOrganization,
  type OperatorOrganization,
} from './operators/suspend-organization.js';
import { refreshSession, type RefreshSessionDeps } from './auth/refresh.js';
import type { ClientInfo } from './auth/session.js';
import {
  acceptInvitation,
  type AcceptInvitationDeps,
  type AcceptInvitationInput,
} from './invitations/accept-invitation.js';
import { inviteMember, type InviteMemberDeps } from './invitations/invite-member.js';
import {
  listInvitations,
  resendInvitation,
  revokeInvitation,
  type ManageInvitationsDeps,
} from './invitations/manage-invitations.js';
import type { InvitationRepository } from './invitations/ports.js';
import { changeRole, type ChangeRoleDeps } from './members/change-role.js';
import { listMembers, type ListMembersDeps } from './members/list-members.js';
import { listMyOrganizations, type ListMyOrganizationsDeps } from './members/my-organizations.js';
import type { MembershipRepository, OrganizationCounterRepository } from './members/ports.js';
import { leaveOrganization, removeMember, type RemoveMemberDeps } from './members/remove-member.js';
import type { Role } from './members/role.js';
import { switchOrganization, type SwitchOrganizationDeps } from './members/switch-organization.js';
import { transferOwnership, type TransferOwnershipDeps } from './members/transfer-ownership.js';
import { whoAmI } from './members/who-am-i.js';
import {
  createOrganization,
  type CreateOrganizationDeps,
  type CreateOrganizationInput,
} from './tenancy/create-organization.js';
import type { DeletedOrganization, DeleteOrganizationDeps } from './tenancy/delete-organization.js';
import { getOrganization, type GetOrganizationDeps } from './tenancy/get-organization.js';
import type { OldNameRepository } from './tenancy/old-names.js';
import type { OrganizationState, OrganizationView } from './tenancy/organization.js';
import {
  purgeDeletedOrganization,
  purgeOrganizationNow,
  type PurgeDeletedInput,
  type PurgeDeletedOrganizationDeps,
  type PurgeNowInput,
} from './tenancy/purge-organization.js';
import {
  restoreOrganization,
  type RestoreOrganizationDeps,
  type RestoreOrganizationInput,
} from './tenancy/restore-organization.js';
import {
  softDeleteOrganization,
  type SoftDeletedOrganization,
  type SoftDeleteOrganizationDeps,
} from './tenancy/soft-delete.js';
import {
  updateOrganization,
  type UpdateOrganizationDeps,
  type UpdateOrganizationInput,
} from './tenancy/update-organization.js';
import {
  bindWebhookOperations,
  type WebhookOperations,
  type WebhookOperationsDeps,
} from './webhooks/webhook-operations.js';

/**
 * What the composition root provides: the union of what the use cases below need,
 * each of which takes only its own part.
 */
export type DomainDeps = CreateOrganizationDeps &
  GetOrganizationDeps &
  UpdateOrganizationDeps &
  DeleteOrganizationDeps &
  SoftDeleteOrganizationDeps &
  Omit<RestoreOrganizationDeps, 'dummyHash'> &
  Omit<PurgeDeletedOrganizationDeps, 'dummyHash'> &
  Omit<LoginDeps, 'dummyHash'> &
  RefreshSessionDeps &
  AuthenticateDeps &
  ChangePasswordDeps &
  ListMembersDeps &
  ChangeRoleDeps &
  RemoveMemberDeps &
  TransferOwnershipDeps &
  ListMyOrganizationsDeps &
  SwitchOrganizationDeps &
  InviteMemberDeps &
  ManageInvitationsDeps &
  AcceptInvitationDeps &
  ManageApiKeysDeps &
  WebhookOperationsDeps & {
    invitations: InvitationRepository;
    sessions: SessionRepository;
    memberships: MembershipRepository;
    counters: OrganizationCounterRepository;
    audit: AuditLog;
    oldNames: OldNameRepository;
    organizations: Pick<OrganizationRepository, 'listPage' | 'countByState'>;
    operators: OperatorLoginDeps['operators'];
    operatorTokens: OperatorTokenService;
    archives: OrganizationArchive;
  };

export type ListAuditEventsInput = {
  organizationName: string;
  limit?: number | undefined;
  cursor?: string | undefined;
  filter?: AuditFilter | undefined;
};

/**
 * The domain operations bound to their dependencies: what the api calls. Spelled out
 * rather than inferred, so the router type (which the client package publishes)
 * names none of the dependencies: repositories, hashes, fault-injection hooks.
 */
export type Domain = MembershipOperations &
  ApiKeyOperations &
  WebhookOperations & {
    createOrganization(input: CreateOrganizationInput): Promise<OrganizationView>;
    getOrganization(organizationName: string): Promise<OrganizationView>;
    updateOrganization(principal: AdminPrincipal, input: UpdateOrganizationInput): Promise<OrganizationView>;
    softDeleteOrganization(principal: AdminPrincipal, organizationName: string): Promise<SoftDeletedOrganization>;
    purgeOrganizationNow(principal: AdminPrincipal, input: PurgeNowInput): Promise<DeletedOrganization>;
    restoreOrganization(input: RestoreOrganizationInput): Promise<OrganizationView>;
    purgeDeletedOrganization(input: PurgeDeletedInput): Promise<DeletedOrganization>;
    listAuditEvents(principal: AdminPrincipal, input: ListAuditEventsInput): Promise<AuditPage>;
    login(input: LoginInput): Promise<SessionTokens>;
    refresh(refreshToken: string, client?: ClientInfo): Promise<SessionTokens>;
    logout(principal: AdminPrincipal): Promise<void>;
    logoutAll(principal: AdminPrincipal): Promise<void>;
    listMySessions(principal: AdminPrincipal): Promise<MySession[]>;
    revokeMySession(principal: AdminPrincipal, sessionId: string): Promise<{ sessionId: string; current: boolean }>;
    changePassword(principal: AdminPrincipal, input: ChangePasswordInput): Promise<SessionTokens>;
    authenticate(token: string): Promise<AdminPrincipal>;
    recordAudit(event: AuditEvent): Promise<void>;
    purgeExpiredSessions(): Promise<number>;
    releaseExpiredOldNames(): Promise<number>;
    // Operators: authorization is the api's operator procedure; these trust their caller.
    loginOperator(input: LoginInput): Promise<OperatorSession>;
    authenticateOperator(token: string): Promise<OperatorPrincipal>;
    listOrganizations(input: ListOrganizationsInput): Promise<OrganizationPage>;
    readOrganization(organizationId: string): Promise<OperatorOrganization>;
    suspendOrganization(organizationId: string): Promise<OperatorOrganization>;
    unsuspendOrganization(organizationId: string): Promise<OperatorOrganization>;
    countOrganizationsByState(): Promise<Record<OrganizationState, number>>;
    exportOrganization(
      principal: AdminPrincipal,
      organizationName: string,
    ): Promise<{ name: string; slug: string; lines: AsyncIterable<string> }>;
    importOrganization(
      principal: AdminPrincipal,
      organizationName: string,
      lines: AsyncIterable<string>,
    ): Promise<ImportReport>;
  };

/** Organization API keys; spelled out like the rest. */
type ApiKeyOperations = {
  createApiKey(principal: AdminPrincipal, input: CreateApiKeyInput): Promise<IssuedApiKey>;
  listApiKeys(principal: AdminPrincipal): Promise<ApiKeyView[]>;
  revokeApiKey(principal: AdminPrincipal, id: string): Promise<ApiKeyView>;
  rotateApiKey(principal: AdminPrincipal, input: { id: string; graceSeconds: number }): Promise<IssuedApiKey>;
};

const bindApiKeys = (deps: DomainDeps): ApiKeyOperations => ({
  createApiKey: (principal: AdminPrincipal, input: CreateApiKeyInput) => createApiKey(deps, principal, input),
  listApiKeys: (principal: AdminPrincipal) => listApiKeys(deps, principal),
  revokeApiKey: (principal: AdminPrincipal, id: string) => revokeApiKey(deps, principal, id),
  rotateApiKey: (principal: AdminPrincipal, input: { id: string; graceSeconds: number }) =>
    rotateApiKey(deps, principal, input),
});

/** Members, invitations and my organizations; their return types are views, never dependencies. */
const bindMembership = (deps: DomainDeps): MembershipOperations => ({
  listMembers: (principal: AdminPrincipal) => listMembers(deps, principal),
  changeRole: (principal: AdminPrincipal, input: { userId: string; role: Role }) => changeRole(deps, principal, input),
  removeMember: (principal: AdminPrincipal, userId: string) => removeMember(deps, principal, userId),
  leaveOrganization: (principal: AdminPrincipal) => leaveOrganization(deps, principal),
  transferOwnership: (principal: AdminPrincipal, userId: string) => transferOwnership(deps, principal, userId),
  whoAmI: (principal: AdminPrincipal) => whoAmI(deps, principal),
  listMyOrganizations: (principal: AdminPrincipal) => listMyOrganizations(deps, principal),
  switchOrganization: (principal: AdminPrincipal, organizationName: string, client?: ClientInfo) =>
    switchOrganization(deps, principal, organizationName, client),
  inviteMember: (principal: AdminPrincipal, input: { email: string; role: Role }) =>
    inviteMember(deps, principal, input),
  listInvitations: (principal: AdminPrincipal) => listInvitations(deps, principal),
  revokeInvitation: (principal: AdminPrincipal, invitationId: string) =>
    revokeInvitation(deps, principal, invitationId),
  resendInvitation: (principal: AdminPrincipal, invitationId: string) =>
    resendInvitation(deps, principal, invitationId),
  acceptInvitation: (input: AcceptInvitationInput) => acceptInvitation(deps, input),
});

/** Spelled out for the same reason as Domain: an inferred type would carry the dependencies' types into the client's .d.ts. */
type MembershipOperations = {
  listMembers(principal: AdminPrincipal): Promise<MemberView[]>;
  changeRole(principal: AdminPrincipal, input: { userId: string; role: Role }): Promise<MemberView>;
  removeMember(principal: AdminPrincipal, userId: string): Promise<RemovedMember>;
  leaveOrganization(principal: AdminPrincipal): Promise<RemovedMember>;
  transferOwnership(
    principal: AdminPrincipal,
    userId: string,
  ): Promise<{ newOwner: MemberView; previousOwner: MemberView }>;
  whoAmI(principal: AdminPrincipal): Promise<Me>;
  listMyOrganizations(principal: AdminPrincipal): Promise<MyOrganization[]>;
  switchOrganization(principal: AdminPrincipal, organizationName: string, client?: ClientInfo): Promise<SessionTokens>;
  inviteMember(principal: AdminPrincipal, input: { email: string; role: Role }): Promise<SentInvitation>;
  listInvitations(principal: AdminPrincipal): Promise<InvitationView[]>;
  revokeInvitation(principal: AdminPrincipal, invitationId: string): Promise<InvitationView>;
  resendInvitation(principal: AdminPrincipal, invitationId: string): Promise<SentInvitation>;
  acceptInvitation(input: AcceptInvitationInput): Promise<SessionTokens>;
};

export const createDomain = (deps: DomainDeps): Domain => {
  const dummyHash = createDummyHash(deps.passwords);
  return {
    createOrganization: (input: CreateOrganizationInput) => createOrganization(deps, input),
    getOrganization: (organizationName: string) => getOrganization(deps, organizationName),
    updateOrganization: (principal: AdminPrincipal, input: UpdateOrganizationInput) =>
      updateOrganization(deps, principal, input),
    softDeleteOrganization: (principal: AdminPrincipal, organizationName: string) =>
      softDeleteOrganization(deps, principal, organizationName),
    purgeOrganizationNow: (principal: AdminPrincipal, input: PurgeNowInput) =>
      purgeOrganizationNow(deps, principal, input),
    restoreOrganization: (input: RestoreOrganizationInput) => restoreOrganization({ ...deps, dummyHash }, input),
    purgeDeletedOrganization: (input: PurgeDeletedInput) => purgeDeletedOrganization({ ...deps, dummyHash }, input),
    listAuditEvents: (principal: AdminPrincipal, input: Parameters<typeof listAuditEvents>[2]) =>
      listAuditEvents(deps, principal, input),
    login: (input: LoginInput) => login({ ...deps, dummyHash }, input),
    refresh: (refreshToken: string, client?: ClientInfo) => refreshSession(deps, refreshToken, client),
    logout: (principal: AdminPrincipal) => logout(deps, principal),
    logoutAll: (principal: AdminPrincipal) => logoutAll(deps, principal),
    listMySessions: (principal: AdminPrincipal) => listMySessions(deps, principal),
    revokeMySession: (principal: AdminPrincipal, sessionId: string) => revokeMySession(deps, principal, sessionId),
    changePassword: (principal: AdminPrincipal, input: ChangePasswordInput) => changePassword(deps, principal, input),
    authenticate: (token: string) => authenticate(deps, token),
    ...bindMembership(deps),
    ...bindApiKeys(deps),
    ...bindWebhookOperations(deps),
    recordAudit: (event: Parameters<AuditLog['record']>[0]) => deps.audit.record(event),
    purgeExpiredSessions: () => deps.sessions.deleteExpired(deps.clock.now()),
    releaseExpiredOldNames: () => deps.oldNames.deleteExpired(deps.clock.now()),
    // Operators: authorization is the api's operator procedure; these trust their caller.
    loginOperator: (input: LoginInput) => loginOperator({ ...deps, dummyHash }, input),
    authenticateOperator: (token: string) => authenticateOperator(deps, token),
    listOrganizations: (input: ListOrganizationsInput) => listOrganizations(deps, input),
    readOrganization: (organizationId: string) => readOrganization(deps, organizationId),
    suspendOrganization: (organizationId: string) => suspendOrganization(deps, organizationId),
    unsuspendOrganization: (organizationId: string) => unsuspendOrganization(deps, organizationId),
    countOrganizationsByState: () => deps.organizations.countByState(),
    exportOrganization: (principal: AdminPrincipal, organizationName: string) =>
      exportOrganization(deps, principal, organizationName),
    importOrganization: (principal: AdminPrincipal, organizationName: string, lines: AsyncIterable<string>) =>
      importOrganization(deps, principal, organizationName, lines),
  };
};
