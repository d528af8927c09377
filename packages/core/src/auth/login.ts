import { AppError } from '../errors.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { assertNotSuspended, isVisible } from '../tenancy/visibility.js';
import { startSession, type IssueSessionTokensDeps, type SessionTokens } from './issue-session-tokens.js';
import type { LoginThrottle } from './login-throttle.js';
import type { PasswordHasher } from './password.js';
import type { AdminRepository } from './ports.js';
import type { ClientInfo } from './session.js';

export type LoginInput = { email: string; password: string; client?: ClientInfo };

export type LoginResult = SessionTokens;

export type LoginDeps = IssueSessionTokensDeps & {
  loginThrottle: LoginThrottle;
  admins: Pick<AdminRepository, 'findByEmail'>;
  organizations: Pick<OrganizationRepository, 'findById'>;
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

  const admin = await deps.admins.findByEmail(email);
  const passwordMatches = await deps.passwords.verify(admin?.passwordHash ?? (await deps.dummyHash), input.password);
  if (!admin || !passwordMatches) throw invalidCredentials(admin?.organizationId);

  const organization = await deps.organizations.findById(admin.organizationId);
  // Said only to whoever knows the password.
  assertNotSuspended(organization);
  if (!isVisible(organization)) throw invalidCredentials();
  await deps.loginThrottle.registerSuccess(email);
  return startSession(deps, admin, input.client ?? {});
};
