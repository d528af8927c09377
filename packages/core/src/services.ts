import type { LoginThrottle } from './auth/login-throttle.js';
import type { PasswordHasher } from './auth/password.js';
import type { SessionRepository } from './auth/session.js';
import type { AuditLog } from './audit/audit-event.js';
import type { TokenService } from './auth/tokens.js';
import type { AdminRepository, Clock, OrganizationRepository, TenantStore } from './tenancy/ports.js';

export type SessionPolicy = {
  /** Lifetime of one refresh token; each refresh issues a new one. */
  refreshTokenTtlSeconds: number;
  /** Absolute lifetime of a login session, however often it is refreshed. */
  sessionMaxAgeSeconds: number;
};

export const defaultSessionPolicy: SessionPolicy = {
  refreshTokenTtlSeconds: 7 * 86_400,
  sessionMaxAgeSeconds: 30 * 86_400,
};

/** Everything the domain operations need from the outside world. */
export type DomainDeps = {
  organizations: OrganizationRepository;
  admins: AdminRepository;
  tenants: TenantStore;
  passwords: PasswordHasher;
  tokens: TokenService;
  sessions: SessionRepository;
  audit: AuditLog;
  loginThrottle: LoginThrottle;
  sessionPolicy: SessionPolicy;
  clock: Clock;
  /** Database holding the tenant collections; bounds the namespace length of names. */
  tenantDatabaseName: string;
  newId?: () => string;
  /**
   * Called after each step of a multi-step operation. Production leaves it unset;
   * fault-injection tests throw from it to simulate a crash between two steps.
   */
  onStep?: (step: LifecycleStep) => void | Promise<void>;
};

export type LifecycleStep =
  | 'create:name-claimed'
  | 'create:admin-created'
  | 'create:collection-created'
  | 'rename:intent-recorded'
  | 'rename:collection-moved'
  | 'delete:intent-recorded'
  | 'delete:collection-dropped'
  | 'delete:admins-deleted';

export const reachedStep = async (deps: Pick<DomainDeps, 'onStep'>, step: LifecycleStep): Promise<void> => {
  await deps.onStep?.(step);
};

export const newIdFor = (deps: Pick<DomainDeps, 'newId'>): string => (deps.newId ?? (() => crypto.randomUUID()))();
