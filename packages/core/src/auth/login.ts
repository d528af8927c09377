import { AppError } from '../errors.js';
import type { DomainDeps } from '../services.js';
import type { Organization } from '../tenancy/organization.js';
import { startSession, type SessionTokens } from './issue-session-tokens.js';
import type { PasswordHasher } from './password.js';
import type { ClientInfo } from './session.js';

export type LoginInput = { email: string; password: string; client?: ClientInfo };

export type LoginResult = SessionTokens;

/** One message for every failure, so responses do not reveal which emails exist. */
const invalidCredentials = (organizationId?: string) =>
  new AppError('INVALID_CREDENTIALS', 'Invalid email or password', organizationId ? { organizationId } : {});

/**
 * A hash of a random password, verified against when the email is unknown so that
 * both failures cost one argon2 verification and take the same time.
 */
export const createDummyHash = (passwords: PasswordHasher): Promise<string> => passwords.hash(crypto.randomUUID());

const isLive = (organization: Organization | null): organization is Organization =>
  organization !== null && organization.state !== 'provisioning' && organization.state !== 'deleting';

export const login = async (deps: DomainDeps & { dummyHash: Promise<string> }, input: LoginInput): Promise<LoginResult> => {
  const email = input.email.trim().toLowerCase();
  await deps.loginThrottle.registerAttempt(email, input.client?.ip);

  const admin = await deps.admins.findByEmail(email);
  const passwordMatches = await deps.passwords.verify(admin?.passwordHash ?? (await deps.dummyHash), input.password);
  if (!admin || !passwordMatches) throw invalidCredentials(admin?.organizationId);

  const organization = await deps.organizations.findById(admin.organizationId);
  if (!isLive(organization)) throw invalidCredentials();
  await deps.loginThrottle.registerSuccess(email);
  return startSession(deps, admin, input.client ?? {});
};
