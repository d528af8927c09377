import { AppError } from '../errors.js';

const maxEmailLength = 254;
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not ours to judge.
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails are compared case-insensitively, so they are stored lowercased. */
export const normalizeEmail = (raw: string, field = 'email'): string => {
  const email = raw.trim().toLowerCase();
  if (email.length > maxEmailLength || !emailShape.test(email)) {
    throw new AppError('VALIDATION_FAILED', `${field} must be a valid email address`, { field });
  }
  return email;
};
