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
};

export const newIdFor = (deps: Pick<DomainDeps, 'newId'>): string => (deps.newId ?? (() => crypto.randomUUID()))();
