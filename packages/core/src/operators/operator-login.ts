import type { LoginThrottle } from '../auth/login-throttle.js';
import type { PasswordHasher } from '../auth/password.js';
import type { ClientInfo } from '../auth/session.js';
import { AppError } from '../errors.js';
import type { Operator, OperatorPrincipal } from './operator.js';
import type { OperatorTokenService } from './operator-tokens.js';

export type OperatorLoginDeps = {
  operators: readonly Operator[];
  passwords: Pick<PasswordHasher, 'verify'>;
  loginThrottle: LoginThrottle;
  operatorTokens: Pick<OperatorTokenService, 'issue'>;
  /** See createDummyHash: an unknown email costs the same as a wrong password. */
  dummyHash: Promise<string>;
};

export type OperatorSession = { accessToken: string; tokenType: 'bearer'; expiresInSeconds: number; email: string };

/** Operators log in like admins (throttled, one message for every failure), into an operator token. */
export const loginOperator = async (
  deps: OperatorLoginDeps,
  input: { email: string; password: string; client?: ClientInfo },
): Promise<OperatorSession> => {
  const email = input.email.trim().toLowerCase();
  await deps.loginThrottle.registerAttempt(`operator:${email}`, input.client?.ip);
  const operator = deps.operators.find((candidate) => candidate.email === email);
  const matches = await deps.passwords.verify(operator?.passwordHash ?? (await deps.dummyHash), input.password);
  if (!operator || !matches) throw new AppError('INVALID_CREDENTIALS', 'Invalid email or password');
  await deps.loginThrottle.registerSuccess(`operator:${email}`);
  const { token, expiresInSeconds } = await deps.operatorTokens.issue(operator.email);
  return { accessToken: token, tokenType: 'bearer', expiresInSeconds, email: operator.email };
};

/** A valid operator token of someone still configured as an operator (removing one revokes them). */
export const authenticateOperator = async (
  deps: { operators: readonly Operator[]; operatorTokens: Pick<OperatorTokenService, 'verify'> },
  token: string,
): Promise<OperatorPrincipal> => {
  const principal = await deps.operatorTokens.verify(token);
  if (!deps.operators.some((operator) => operator.email === principal.email)) {
    throw new AppError('SESSION_REVOKED', 'This account is no longer a platform operator');
  }
  return principal;
};
