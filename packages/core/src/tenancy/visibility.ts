import type { Organization } from './organization.js';

/**
 * The one rule for "does this organization exist" as readers, logins and tokens see it:
 * one mid-creation does not exist yet, one deleted (restorable or not) or mid-deletion
 * no longer does. A rename in flight keeps it visible (under its new name).
 */
export const isVisible = (organization: Organization | null | undefined): organization is Organization =>
  organization != null && (organization.state === 'active' || organization.state === 'renaming');

/** States that mark an operation in flight, which the reconciler finishes or undoes once stale. */
export const unsettledStates = ['provisioning', 'renaming', 'deleting'] as const;

/** Only a settled organization takes a new change; otherwise another operation is in flight. */
export const acceptsChanges = (organization: Organization): boolean => organization.state === 'active';
