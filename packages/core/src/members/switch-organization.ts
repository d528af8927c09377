import { startSession, type IssueSessionTokensDeps, type SessionTokens } from '../auth/issue-session-tokens.js';
import type { AdminPrincipal } from '../auth/principal.js';
import type { ClientInfo } from '../auth/session.js';
import { AppError } from '../errors.js';
import type { UserRepository } from '../users/ports.js';
import { chooseActiveOrganization, type ChooseOrganizationDeps } from './choose-organization.js';

export type SwitchOrganizationDeps = IssueSessionTokensDeps &
  ChooseOrganizationDeps & { users: Pick<UserRepository, 'findById'> };

/**
 * Issues tokens for another organization of the caller, without the password: the
 * caller's valid session proves who they are. The new session is separate, so the
 * tokens of the first organization keep working until they expire or are logged out.
 */
export const switchOrganization = async (
  deps: SwitchOrganizationDeps,
  principal: AdminPrincipal,
  organizationName: string,
  client: ClientInfo = {},
): Promise<SessionTokens> => {
  const organization = await chooseActiveOrganization(deps, principal.adminId, organizationName);
  const user = await deps.users.findById(principal.adminId);
  if (!user) throw new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');
  return startSession(deps, user, organization.id, client);
};
