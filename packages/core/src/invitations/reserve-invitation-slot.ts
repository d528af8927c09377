import { AppError } from '../errors.js';
import type { OrganizationCounterRepository } from '../members/ports.js';
import type { Clock } from '../time.js';
import { stateAt } from './invitation.js';
import type { InvitationPolicy } from './policy.js';
import type { InvitationRepository } from './ports.js';

export type ReserveInvitationSlotDeps = {
  invitations: Pick<InvitationRepository, 'listByOrganization' | 'transition'>;
  counters: Pick<OrganizationCounterRepository, 'adjust'>;
  invitationPolicy: Pick<InvitationPolicy, 'maxPendingPerOrganization'>;
  clock: Clock;
};

/**
 * Counts one more pending invitation, within the limit, by one conditional write (so 20
 * concurrent invitations never pass it together). When full, the expired ones are
 * marked so (each freeing its place once, by compare-and-set) and it tries again.
 */
export const reserveInvitationSlot = async (deps: ReserveInvitationSlotDeps, organizationId: string) => {
  const max = deps.invitationPolicy.maxPendingPerOrganization;
  const reserve = () => deps.counters.adjust(organizationId, 'pendingInvitations', 1, { max });
  if (await reserve()) return;
  const now = deps.clock.now();
  for (const invitation of await deps.invitations.listByOrganization(organizationId)) {
    if (invitation.state !== 'pending' || stateAt(invitation, now) !== 'expired') continue;
    const swept = await deps.invitations.transition(
      invitation.id,
      { state: 'pending', tokenHash: invitation.tokenHash },
      { state: 'expired', updatedAt: now },
    );
    if (swept) await deps.counters.adjust(organizationId, 'pendingInvitations', -1);
  }
  if (await reserve()) return;
  throw new AppError(
    'LIMIT_REACHED',
    `This organization has ${max} pending invitations, the most it may have; revoke some or wait for them to be accepted`,
    { limit: 'pending_invitations', max },
  );
};
