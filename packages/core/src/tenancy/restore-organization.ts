import type { AdminRepository, SessionRepository } from '../auth/ports.js';
import type { ClientInfo } from '../auth/session.js';
import { AppError } from '../errors.js';
import type { Clock } from '../time.js';
import { organizationBusy } from './conflicts.js';
import type { FindOrganizationDeps } from './find-organization.js';
import { reachedStep, type StepHook } from './lifecycle-step.js';
import { toOrganizationView, type OrganizationView } from './organization.js';
import { assertOwnerOf, findRestorableOrganization, type OwnerProof, type VerifyOwnerDeps } from './owner-proof.js';
import type { OrganizationRepository } from './ports.js';

export type RestoreOrganizationInput = { organizationName: string; proof: OwnerProof; client?: ClientInfo };

export type RestoreOrganizationDeps = FindOrganizationDeps &
  VerifyOwnerDeps & {
    organizations: Pick<OrganizationRepository, 'compareAndSet'>;
    admins: Pick<AdminRepository, 'findById' | 'update'>;
    sessions: Pick<SessionRepository, 'revokeAllSessions'>;
    clock: Clock;
    onStep?: StepHook | undefined;
  };

/**
 * Brings a deleted organization back within its grace period. Sessions from before the
 * deletion are ended first (idempotent; a crash after it leaves the organization deleted
 * and the restore can simply be retried); then one compare-and-set makes it active, which
 * a purge starting at the same moment cannot also win.
 */
export const restoreOrganization = async (
  deps: RestoreOrganizationDeps,
  input: RestoreOrganizationInput,
): Promise<OrganizationView> => {
  const now = deps.clock.now();
  const organization = await findRestorableOrganization(deps, input.organizationName, now);
  await assertOwnerOf(deps, organization, input.proof, input.client);

  // Whoever held a token of the deleted organization does not get it back with the restore.
  await deps.admins.update(organization.adminId, { updatedAt: now }, { revokeSessions: true });
  await deps.sessions.revokeAllSessions(organization.adminId, now);
  await reachedStep(deps, 'restore:sessions-revoked');

  const restored = await deps.organizations.compareAndSet(organization.id, organization.version, {
    state: 'active',
    deletion: null,
    updatedAt: now,
  });
  if (!restored) throw organizationBusy(organization.name);
  const admin = await deps.admins.findById(restored.adminId);
  if (!admin) throw new AppError('ORG_NOT_FOUND', `Organization "${restored.name}" was not found`);
  return toOrganizationView(restored, admin);
};
