import { describe, expect, it } from 'vitest';

import { type AppError } from '../errors.js';
import { assertPasswordPolicy, createPasswordHasher, owaspArgon2idCost } from './password.js';

const cheap = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('password hashing', () => {
  it('produces an argon2id hash with the configured cost that verifies only the right password', async () => {
    const hasher = createPasswordHasher(cheap);
    const hash = await hasher.hash('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await hasher.verify(hash, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse batterY')).toBe(false);
  });

  it('uses the OWASP argon2id baseline by default', async () => {
    const hash = await createPasswordHasher().hash('correct horse battery');
    expect(hash).toMatch(
      new RegExp(
        `^\\$argon2id\\$v=19\\$m=${owaspArgon2idCost.memoryCost},t=${owaspArgon2idCost.timeCost},p=${owaspArgon2idCost.parallelism}\\$`,
      ),
    );
  });

  it('salts every hash', async () => {
    const hasher = createPasswordHasher(cheap);
    expect(await hasher.hash('same password')).not.toBe(await hasher.hash('same password'));
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await createPasswordHasher(cheap).verify('not-a-hash', 'whatever1')).toBe(false);
  });
});

describe('password policy', () => {
  const violation = (password: string) => {
    try {
      assertPasswordPolicy(password);
      return undefined;
    } catch (error) {
      return error as AppError;
    }
  };

  it('accepts 8 to 128 characters', () => {
    expect(violation('k7#mQ2vX')).toBeUndefined();
    expect(violation('x'.repeat(128))).toBeUndefined();
  });

  it('rejects shorter and longer passwords with PASSWORD_POLICY on the password field', () => {
    for (const password of ['', '1234567', 'x'.repeat(129)]) {
      const error = violation(password);
      expect(error?.code).toBe('PASSWORD_POLICY');
      expect(error?.details.field).toBe('password');
    }
  });

  it('rejects the most common passwords, whatever their case', () => {
    for (const password of ['password123', 'Password123', 'QWERTYUIOP', '12345678', 'iloveyou']) {
      expect(violation(password)?.message).toContain('most common');
    }
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    // 8 emoji: 32 bytes, 16 UTF-16 units, 8 characters.
    expect(violation('😀'.repeat(8))).toBeUndefined();
    expect(violation('😀'.repeat(7))?.code).toBe('PASSWORD_POLICY');
    expect(violation('é'.repeat(128))).toBeUndefined();
  });
});
