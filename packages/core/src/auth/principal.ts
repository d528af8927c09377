import type { Role } from '../members/role.js';

/**
 * The authenticated caller of a protected operation: a user acting in their
 * active organization. `adminId` is the user's id (the original contract's name).
 */
export type AdminPrincipal = {
  adminId: string;
  organizationId: string;
  sessionId: string;
  /** Read from the membership at each request, so a role change counts at once. */
  role: Role;
};
