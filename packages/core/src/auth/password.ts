import { hash, verify } from '@node-rs/argon2';

import { AppError } from '../errors.js';
import { isCommonPassword } from './common-passwords.js';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. Tests pass cheaper costs. */
export const owaspArgon2idCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export type PasswordHashCost = { memoryCost: number; timeCost: number; parallelism: number };

export const passwordLimits = { minLength: 8, maxLength: 128 } as const;

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
};

/**
 * argon2id hashing off the event loop (the native addon runs on libuv's pool).
 * @node-rs/argon2 defaults to argon2id; only the cost is configured here.
 */
export const createPasswordHasher = (cost: PasswordHashCost = owaspArgon2idCost): PasswordHasher => ({
  hash: (password) => hash(password, cost),
  verify: async (passwordHash, password) => {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash must read as "wrong password", never as a crash.
      return false;
    }
  },
});

/** Length is counted in characters (code points), not bytes or UTF-16 units. */
export const assertPasswordPolicy = (password: string, field = 'password'): void => {
  const length = [...password].length;
  if (length < passwordLimits.minLength || length > passwordLimits.maxLength) {
    throw new AppError(
      'PASSWORD_POLICY',
      `${field} must be ${passwordLimits.minLength} to ${passwordLimits.maxLength} characters long`,
      { field },
    );
  }
  if (isCommonPassword(password)) {
    throw new AppError('PASSWORD_POLICY', `${field} is one of the most common passwords; choose another`, { field });
  }
};
