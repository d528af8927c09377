import type { PasswordHasher } from './auth/password.js';
import type { TokenService } from './auth/tokens.js';
import type { AdminRepository, Clock, OrganizationRepository, TenantStore } from './tenancy/ports.js';

/** Everything the domain operations need from the outside world. */
export type DomainDeps = {
  organizations: OrganizationRepository;
  admins: AdminRepository;
  tenants: TenantStore;
  passwords: PasswordHasher;
  tokens: TokenService;
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
