import type { SessionRepository } from '../auth/ports.js';
import type { ClientInfo } from '../auth/session.js';
import { findOwner, type FindOwnerDeps } from '../members/find-owner.js';
import type { Clock } from '../time.js';
import { organizationEvents } from '../webhooks/organization-events.js';
import { organizationBusy } from './conflicts.js';
import type { FindOrganizationDeps } from './find-organization.js';
import { reachedStep, type StepHook } from './lifecycle-step.js';
import { toOrganizationView, type OrganizationView } from './organization.js';
import { assertOwnerOf, findRestorableOrganization, type OwnerProof, type VerifyOwnerDeps } from './owner-proof.js';
import type { OrganizationRepository } from './ports.js';

export type RestoreOrganizationInput = { organizationName: string; proof: OwnerProof; client?: ClientInfo };

export type RestoreOrganizationDeps = FindOrganizationDeps &
  VerifyOwnerDeps &
  FindOwnerDeps & {
    organizations: Pick<OrganizationRepository, 'compareAndSet'>;
    sessions: Pick<SessionRepository, 'revokeOrganizationSessions'>;
    clock: Clock;
    onStep?: StepHook | undefined;
  };

/**
 * Brings a deleted organization back within its grace period, with its memberships and
 * pending invitations. Every session opened in it before the deletion is ended first
 * (idempotent; a crash after it leaves the organization deleted and the restore can simply
 * be retried); sessions its members hold in other organizations are untouched. Then one
 * compare-and-set makes it active, which a purge starting at the same moment cannot also win.
 */
export const restoreOrganization = async (
  deps: RestoreOrganizationDeps,
  input: RestoreOrganizationInput,
): Promise<OrganizationView> => {
  const now = deps.clock.now();
  const organization = await findRestorableOrganization(deps, input.organizationName, now);
  await assertOwnerOf(deps, organization, input.proof, input.client);

  // Whoever held a token of the deleted organization does not get it back with the restore.
  await deps.sessions.revokeOrganizationSessions(organization.id, now);
  await reachedStep(deps, 'restore:sessions-revoked');

  const restored = await deps.organizations.compareAndSet(
    organization.id,
    organization.version,
    { state: 'active', deletion: null, updatedAt: now },
    organizationEvents.restored(organization, now),
  );
  if (!restored) throw organizationBusy(organization.name);
  return toOrganizationView(restored, await findOwner(deps, restored));
};
