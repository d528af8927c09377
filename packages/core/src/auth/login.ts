import { AppError } from '../errors.js';
import { chooseActiveOrganization, type ChooseOrganizationDeps } from '../members/choose-organization.js';
import type { UserRepository } from '../users/ports.js';
import { startSession, type IssueSessionTokensDeps, type SessionTokens } from './issue-session-tokens.js';
import type { LoginThrottle } from './login-throttle.js';
import type { PasswordHasher } from './password.js';
import type { ClientInfo } from './session.js';

export type LoginInput = {
  email: string;
  password: string;
  /** The organization to make active; by default the user's oldest membership. */
  organizationName?: string | undefined;
  client?: ClientInfo;
};

export type LoginResult = SessionTokens;

export type LoginDeps = IssueSessionTokensDeps &
  ChooseOrganizationDeps & {
    loginThrottle: LoginThrottle;
    users: Pick<UserRepository, 'findByEmail'>;
    passwords: PasswordHasher;
    /** See createDummyHash. */
    dummyHash: Promise<string>;
  };

/** One message for every failure, so responses do not reveal which emails exist. */
const invalidCredentials = (organizationId?: string) =>
  new AppError('INVALID_CREDENTIALS', 'Invalid email or password', organizationId ? { organizationId } : {});

/**
 * A hash of a random password, verified against when the email is unknown so that
 * both failures cost one argon2 verification and take the same time.
 */
export const createDummyHash = (passwords: PasswordHasher): Promise<string> => passwords.hash(crypto.randomUUID());

export const login = async (deps: LoginDeps, input: LoginInput): Promise<LoginResult> => {
  const email = input.email.trim().toLowerCase();
  await deps.loginThrottle.registerAttempt(email, input.client?.ip);

  const user = await deps.users.findByEmail(email);
  const passwordMatches = await deps.passwords.verify(user?.passwordHash ?? (await deps.dummyHash), input.password);
  if (!user) throw invalidCredentials();
  if (!passwordMatches) {
    // Named for the audit trail only (the response says the same for every failure): the
    // owners of the account's first organization see the attempts on it.
    const [first] = await deps.memberships.listByUser(user.id);
    throw invalidCredentials(first?.organizationId);
  }

  // Only someone who knows the password learns which organizations the account is in.
  // An account whose organizations are all gone (or not created yet) cannot log in, as before.
  const organization = await chooseActiveOrganization(deps, user.id, input.organizationName, () =>
    invalidCredentials(),
  );
  await deps.loginThrottle.registerSuccess(email);
  return startSession(deps, user, organization.id, input.client ?? {});
};
