import { AppError } from '../errors.js';
import type { Organization } from './organization.js';

/**
 * The one rule for "does this organization exist" as readers, logins and tokens see it:
 * one mid-creation does not exist yet, one deleted (restorable or not) or mid-deletion
 * no longer does. A rename in flight keeps it visible (under its new name).
 */
export const isVisible = (organization: Organization | null | undefined): organization is Organization =>
  organization != null && (organization.state === 'active' || organization.state === 'renaming');

/** A suspended organization answers with its own refusal (403), not as if it did not exist. */
export const assertNotSuspended = (organization: Organization | null | undefined): void => {
  if (organization?.state === 'suspended') {
    throw new AppError('ORG_SUSPENDED', `Organization "${organization.name}" is suspended by the platform operator`, {
      organizationId: organization.id,
    });
  }
};

/**
 * The one place that decides whether an organization is open to its members' credentials:
 * access and refresh tokens, logins, invitations and API keys. Suspended
 * answers 403 ORG_SUSPENDED; deleted, mid-deletion, not yet created or missing answers `gone`.
 */
export function assertOpenToMembers(
  organization: Organization | null | undefined,
  gone: () => AppError,
): asserts organization is Organization {
  assertNotSuspended(organization);
  if (!isVisible(organization)) throw gone();
}

/** States that mark an operation in flight, which the reconciler finishes or undoes once stale. */
export const unsettledStates = ['provisioning', 'renaming', 'deleting'] as const;

/** Only a settled organization takes a new change; otherwise another operation is in flight. */
export const acceptsChanges = (organization: Organization): boolean => organization.state === 'active';
