import type { LoginThrottle } from '../auth/login-throttle.js';
import type { PasswordHasher } from '../auth/password.js';
import { hashRefreshToken } from '../auth/refresh-token.js';
import type { ClientInfo } from '../auth/session.js';
import { AppError } from '../errors.js';
import type { MembershipRepository } from '../members/ports.js';
import { roleCan } from '../members/permissions.js';
import type { UserRepository } from '../users/ports.js';
import type { FindOrganizationDeps } from './find-organization.js';
import { normalizeOrgName } from './org-name.js';
import type { Organization, OrganizationDeletion } from './organization.js';
import { assertNotSuspended } from './visibility.js';

/** How an owner of a deleted organization proves it: the restore token, or an owner's own login. */
export type OwnerProof = { restoreToken: string } | { email: string; password: string };

export type RestorableOrganization = Organization & { deletion: OrganizationDeletion };

export type VerifyOwnerDeps = {
  users: Pick<UserRepository, 'findByEmail'>;
  memberships: Pick<MembershipRepository, 'find'>;
  passwords: Pick<PasswordHasher, 'verify'>;
  loginThrottle: LoginThrottle;
  /** See createDummyHash: an unknown email costs the same as a wrong password. */
  dummyHash: Promise<string>;
};

/** One answer for every wrong proof, as login gives one for every wrong credential. */
const notTheOwner = () =>
  new AppError('INVALID_CREDENTIALS', "Invalid restore token or owner's credentials for this organization");

/** The deleted organization the name denotes, while it can still be restored or purged by its owner. */
export const findRestorableOrganization = async (
  deps: FindOrganizationDeps,
  rawName: string,
  now: Date,
): Promise<RestorableOrganization> => {
  const field = 'organization_name';
  const { slug, name } = normalizeOrgName(rawName, { databaseName: deps.tenantDatabaseName, field });
  const organization = await deps.organizations.findBySlug(slug);
  assertNotSuspended(organization);
  if (organization?.state !== 'deleted' || !organization.deletion) {
    throw new AppError('ORG_NOT_FOUND', `No deleted organization named "${name}"`, { field });
  }
  if (organization.deletion.purgeAfter <= now) {
    throw new AppError(
      'ORG_NOT_FOUND',
      `Organization "${organization.name}" can no longer be restored: its grace period ended on ${organization.deletion.purgeAfter.toISOString()}`,
      { field },
    );
  }
  return { ...organization, deletion: organization.deletion };
};

/**
 * Accepts the restore token, or the email and password of a user whose membership (kept
 * while the organization is deleted) allows `org.delete` there, i.e. an owner. Throttled
 * like a login; this is the only thing an owner's login still opens in a deleted organization.
 */
export const assertOwnerOf = async (
  deps: VerifyOwnerDeps,
  organization: RestorableOrganization,
  proof: OwnerProof,
  client: ClientInfo = {},
): Promise<void> => {
  if ('restoreToken' in proof) {
    // Comparing SHA-256 digests: timing tells nothing about the token itself.
    if (hashRefreshToken(proof.restoreToken) !== organization.deletion.restoreTokenHash) throw notTheOwner();
    return;
  }
  const email = proof.email.trim().toLowerCase();
  await deps.loginThrottle.registerAttempt(email, client.ip);
  const user = await deps.users.findByEmail(email);
  const matches = await deps.passwords.verify(user?.passwordHash ?? (await deps.dummyHash), proof.password);
  if (!user || !matches) throw notTheOwner();
  const membership = await deps.memberships.find(organization.id, user.id);
  if (!membership || !roleCan(membership.role, 'org.delete')) throw notTheOwner();
  await deps.loginThrottle.registerSuccess(email);
};
