import type { Permission } from '../members/permissions.js';
import type { Role } from '../members/role.js';

/** An organization API key acting as the caller (the principal is the key, not a person). */
export type ApiKeyActor = {
  id: string;
  name: string;
  /** What the key may do; checked on top of `role` by every permission check. */
  scopes: readonly Permission[];
};

/**
 * The authenticated caller of a protected operation: a user acting in their
 * active organization, or an API key of that organization. `adminId` is the user's
 * id (the original contract's name); for a key it is the key's id, which names no user.
 */
export type AdminPrincipal = {
  adminId: string;
  organizationId: string;
  sessionId: string;
  /** Read from the membership at each request, so a role change counts at once. For a key: the weakest role holding its scopes. */
  role: Role;
  /** Set when the caller is an API key. */
  apiKey?: ApiKeyActor | undefined;
};
