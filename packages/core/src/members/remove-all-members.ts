import type { InvitationRepository } from '../invitations/ports.js';
import type { UserRepository } from '../users/ports.js';
import type { MembershipRepository, OrganizationCounterRepository } from './ports.js';

export type RemoveAllMembersDeps = {
  memberships: Pick<MembershipRepository, 'listByOrganization' | 'listByUser' | 'deleteByOrganization'>;
  counters: Pick<OrganizationCounterRepository, 'deleteByOrganization'>;
  users: Pick<UserRepository, 'deleteById'>;
  invitations: Pick<InvitationRepository, 'deleteByOrganization'>;
};

/**
 * Ends every membership (and invitation) of a deleted organization. Users left in no organization go
 * too (as the single admin did before memberships), so their email can start afresh.
 * Users are removed before the memberships that name them: interrupted, a second run
 * still finds them. Idempotent.
 */
export const removeAllMembers = async (deps: RemoveAllMembersDeps, organizationId: string): Promise<void> => {
  for (const member of await deps.memberships.listByOrganization(organizationId)) {
    const elsewhere = (await deps.memberships.listByUser(member.userId)).some(
      (membership) => membership.organizationId !== organizationId,
    );
    if (!elsewhere) await deps.users.deleteById(member.userId);
  }
  await deps.invitations.deleteByOrganization(organizationId);
  await deps.memberships.deleteByOrganization(organizationId);
  await deps.counters.deleteByOrganization(organizationId);
};
