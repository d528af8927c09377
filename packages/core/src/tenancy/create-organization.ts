import { normalizeEmail } from '../auth/email.js';
import { assertPasswordPolicy, type PasswordHasher } from '../auth/password.js';
import type { MembershipRepository, OrganizationCounterRepository } from '../members/ports.js';
import { defaultDisplayName, normalizeDisplayName } from '../users/display-name.js';
import type { UserRepository } from '../users/ports.js';
import type { User } from '../users/user.js';
import { AppError, isAppError } from '../errors.js';
import { newIdFor, type IdSource } from '../ids.js';
import { organizationEvents } from '../webhooks/organization-events.js';
import { nameTaken } from './conflicts.js';
import { reachedStep } from './lifecycle-step.js';
import { assertNotAnotherOldName, type OldNameRepository } from './old-names.js';
import { normalizeOrgName } from './org-name.js';
import { toOrganizationView, type Organization, type OrganizationView } from './organization.js';
import type { OrganizationRepository, TenantStore } from './ports.js';
import { undoCreate, type UndoCreateDeps } from './undo-create.js';

export type CreateOrganizationInput = {
  organizationName: string;
  email: string;
  password: string;
  /** The creator's display name; by default their email's local part. */
  displayName?: string | undefined;
};

export type CreateOrganizationDeps = UndoCreateDeps & {
  organizations: Pick<OrganizationRepository, 'insert'>;
  users: Pick<UserRepository, 'insert'>;
  memberships: Pick<MembershipRepository, 'insert'>;
  counters: Pick<OrganizationCounterRepository, 'initialize'>;
  tenants: Pick<TenantStore, 'create'>;
  oldNames: Pick<OldNameRepository, 'findBySlug' | 'releaseExpired' | 'deleteByOrganization'>;
  passwords: Pick<PasswordHasher, 'hash'>;
  /** Database holding the tenant collections; bounds the namespace length of names. */
  tenantDatabaseName: string;
  newId?: IdSource | undefined;
};

/**
 * Claims the name (unique slug index), then adds the creator as its owner (a new
 * user) and the tenant collection, and only then marks the organization active.
 * Each failure undoes the steps before it, so a lost race leaves nothing behind.
 */
export const createOrganization = async (
  deps: CreateOrganizationDeps,
  input: CreateOrganizationInput,
): Promise<OrganizationView> => {
  const { name, slug, collectionName } = normalizeOrgName(input.organizationName, {
    databaseName: deps.tenantDatabaseName,
  });
  const email = normalizeEmail(input.email);
  assertPasswordPolicy(input.password);
  const displayName =
    input.displayName === undefined ? defaultDisplayName(email) : normalizeDisplayName(input.displayName);

  const now = deps.clock.now();
  const organization: Organization = {
    id: newIdFor(deps),
    name,
    slug,
    collectionName,
    adminId: newIdFor(deps),
    state: 'provisioning',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };

  const oldName = { slug, name, organizationId: organization.id, field: 'organization_name' };
  // Refused here without a claim (that others would run into) while another organization's old name is current.
  await assertNotAnotherOldName(deps, oldName, now);
  // The provisioning record is the intent: if we die after it, the reconciler undoes the rest.
  // Its unique slug index answers a taken name before argon2 is paid for, without a lookup first
  // (servers without secondary indexes, like the local one, scan a whole collection for a miss).
  await deps.organizations.insert(organization).catch((error: unknown) => {
    throw isAppError(error) && error.code === 'ORG_NAME_TAKEN' ? nameTaken(name) : error;
  });
  await reachedStep(deps, 'create:name-claimed');
  // Checked again after the claim: a rename letting go of this name meanwhile held it as its old name first.
  await undoOnFailure(deps, organization, () => assertNotAnotherOldName(deps, oldName, now));
  let passwordHash = '';
  await undoOnFailure(deps, organization, async () => {
    passwordHash = await deps.passwords.hash(input.password);
  });
  const owner: User = {
    id: organization.adminId,
    email,
    passwordHash,
    displayName,
    sessionVersion: 1,
    createdAt: now,
    updatedAt: now,
  };
  // The membership comes before the user: the undo finds the users to remove through it.
  await undoOnFailure(deps, organization, async () => {
    await deps.counters.initialize(organization.id, { owners: 1, members: 1, pendingInvitations: 0 });
    await deps.memberships.insert({
      organizationId: organization.id,
      userId: owner.id,
      role: 'owner',
      createdAt: now,
      updatedAt: now,
    });
  });
  // A taken email is refused here by the unique email index, and the claim above is undone.
  await undoOnFailure(deps, organization, () => deps.users.insert(owner));
  await reachedStep(deps, 'create:admin-created');
  await undoOnFailure(deps, organization, () => deps.tenants.create(collectionName, { exclusive: true }));
  await reachedStep(deps, 'create:collection-created');

  const active = await deps.organizations.compareAndSet(
    organization.id,
    organization.version,
    { state: 'active', updatedAt: now },
    organizationEvents.created(organization, now),
  );
  if (!active) throw new AppError('ORG_BUSY', `Organization "${name}" changed while it was being created`);
  return toOrganizationView(active, owner);
};

/** Runs a step; if it fails, removes what the create did so far and rethrows the step's error. */
const undoOnFailure = async (deps: UndoCreateDeps, organization: Organization, step: () => Promise<void>) => {
  try {
    await step();
  } catch (error) {
    // With the database unreachable the undo would only wait out the same outage before the
    // answer; the reconciler rolls the create back later, as it does when the undo fails.
    if (!(isAppError(error) && error.code === 'STORAGE_UNAVAILABLE'))
      await undoCreate(deps, organization).catch(() => undefined);
    throw error;
  }
};
