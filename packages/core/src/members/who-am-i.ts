import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import type { UserRepository } from '../users/ports.js';
import type { Role } from './role.js';

export type Me = { userId: string; email: string; displayName: string; organizationId: string; role: Role };

/** The caller and their role in the active organization: the cheapest protected read (all cached). */
export const whoAmI = async (
  deps: { users: Pick<UserRepository, 'findById'> },
  principal: AdminPrincipal,
): Promise<Me> => {
  const user = await deps.users.findById(principal.adminId);
  if (!user) throw new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    organizationId: principal.organizationId,
    role: principal.role,
  };
};
