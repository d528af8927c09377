import { authenticate } from './auth/authenticate.js';
import { createDummyHash, login, type LoginInput } from './auth/login.js';
import type { AdminPrincipal } from './auth/principal.js';
import type { DomainDeps } from './services.js';
import { createOrganization, type CreateOrganizationInput } from './tenancy/create-organization.js';
import { deleteOrganization } from './tenancy/delete-organization.js';
import { getOrganization } from './tenancy/get-organization.js';
import { updateOrganization, type UpdateOrganizationInput } from './tenancy/update-organization.js';

/** The domain operations bound to their dependencies: what the api calls. */
export const createDomain = (deps: DomainDeps) => {
  const dummyHash = createDummyHash(deps.passwords);
  return {
    createOrganization: (input: CreateOrganizationInput) => createOrganization(deps, input),
    getOrganization: (organizationName: string) => getOrganization(deps, organizationName),
    updateOrganization: (principal: AdminPrincipal, input: UpdateOrganizationInput) =>
      updateOrganization(deps, principal, input),
    deleteOrganization: (principal: AdminPrincipal, organizationName: string) =>
      deleteOrganization(deps, principal, organizationName),
    login: (input: LoginInput) => login({ ...deps, dummyHash }, input),
    authenticate: (token: string) => authenticate(deps, token),
  };
};

export type Domain = ReturnType<typeof createDomain>;
