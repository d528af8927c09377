import { AppError } from '../errors.js';
import type { Organization } from '../tenancy/organization.js';
import type { UserRepository } from '../users/ports.js';
import type { User } from '../users/user.js';
import type { MembershipRepository } from './ports.js';

export type FindOwnerDeps = {
  users: Pick<UserRepository, 'findById'>;
  memberships: Pick<MembershipRepository, 'find' | 'listByOrganization'>;
};

/**
 * The owner shown for the original contract's single admin: the creator while they
 * are an owner (one cached lookup), else the longest-standing owner.
 */
export const findOwner = async (deps: FindOwnerDeps, organization: Organization): Promise<User> => {
  const creator = await deps.memberships.find(organization.id, organization.adminId);
  let ownerId = creator?.role === 'owner' ? creator.userId : undefined;
  if (ownerId === undefined) {
    const members = await deps.memberships.listByOrganization(organization.id);
    ownerId = members.find((member) => member.role === 'owner')?.userId;
  }
  const owner = ownerId === undefined ? null : await deps.users.findById(ownerId);
  if (!owner) {
    throw new AppError('ORG_NOT_FOUND', `Organization "${organization.name}" was not found`, {
      field: 'organization_name',
    });
  }
  return owner;
};
