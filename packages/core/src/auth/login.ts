import { AppError } from '../errors.js';
import type { DomainDeps } from '../services.js';
import type { PasswordHasher } from './password.js';

export type LoginInput = { email: string; password: string };

export type LoginResult = {
  accessToken: string;
  tokenType: 'bearer';
  expiresInSeconds: number;
  adminId: string;
  organizationId: string;
};

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'Invalid email or password');

/**
 * A hash of a random password, verified against when the email is unknown so that
 * both failures cost one argon2 verification and look the same.
 */
export const createDummyHash = (passwords: PasswordHasher): Promise<string> =>
  passwords.hash(crypto.randomUUID());

export const login = async (
  deps: Pick<DomainDeps, 'admins' | 'organizations' | 'passwords' | 'tokens'> & { dummyHash: Promise<string> },
  input: LoginInput,
): Promise<LoginResult> => {
  const email = input.email.trim().toLowerCase();
  const admin = await deps.admins.findByEmail(email);
  const passwordMatches = await deps.passwords.verify(admin?.passwordHash ?? (await deps.dummyHash), input.password);
  if (!admin || !passwordMatches) throw invalidCredentials();

  const organization = await deps.organizations.findById(admin.organizationId);
  if (!organization || organization.state === 'provisioning' || organization.state === 'deleting') {
    throw invalidCredentials();
  }
  const { token, expiresInSeconds } = await deps.tokens.issueAccessToken({
    adminId: admin.id,
    organizationId: organization.id,
  });
  return { accessToken: token, tokenType: 'bearer', expiresInSeconds, adminId: admin.id, organizationId: organization.id };
};
