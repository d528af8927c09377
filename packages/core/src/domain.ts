import { listAuditEvents } from './audit/list-audit-events.js';
import type { AuditLog } from './audit/ports.js';
import { authenticate, type AuthenticateDeps } from './auth/authenticate.js';
import { createDummyHash, login, type LoginDeps, type LoginInput } from './auth/login.js';
import { logout, logoutAll } from './auth/logout.js';
import type { SessionRepository } from './auth/ports.js';
import type { AdminPrincipal } from './auth/principal.js';
import type { OldNameRepository } from './tenancy/old-names.js';
import type { OrganizationRepository } from './tenancy/ports.js';
import { exportOrganization, importOrganization } from './export/export-organization.js';
import type { OrganizationArchive } from './export/ports.js';
import { listOrganizations, type ListOrganizationsInput } from './operators/list-organizations.js';
import { authenticateOperator, loginOperator, type OperatorLoginDeps } from './operators/operator-login.js';
import type { OperatorTokenService } from './operators/operator-tokens.js';
import { readOrganization, suspendOrganization, unsuspendOrganization } from './operators/suspend-organization.js';
import { refreshSession, type RefreshSessionDeps } from './auth/refresh.js';
import type { ClientInfo } from './auth/session.js';
import {
  createOrganization,
  type CreateOrganizationDeps,
  type CreateOrganizationInput,
} from './tenancy/create-organization.js';
import type { DeleteOrganizationDeps } from './tenancy/delete-organization.js';
import { getOrganization, type GetOrganizationDeps } from './tenancy/get-organization.js';
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
import { softDeleteOrganization, type SoftDeleteOrganizationDeps } from './tenancy/soft-delete.js';
import {
  updateOrganization,
  type UpdateOrganizationDeps,
  type UpdateOrganizationInput,
} from './tenancy/update-organization.js';

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
  AuthenticateDeps & {
    sessions: SessionRepository;
    audit: AuditLog;
    oldNames: OldNameRepository;
    organizations: Pick<OrganizationRepository, 'listPage' | 'countByState'>;
    operators: OperatorLoginDeps['operators'];
    operatorTokens: OperatorTokenService;
    archives: OrganizationArchive;
  };

/** The domain operations bound to their dependencies: what the api calls. */
export const createDomain = (deps: DomainDeps) => {
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
    authenticate: (token: string) => authenticate(deps, token),
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

export type Domain = ReturnType<typeof createDomain>;
