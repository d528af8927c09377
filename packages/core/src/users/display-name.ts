import { AppError } from '../errors.js';
import { displayNameLimits } from './user.js';

/** Trims and collapses inner whitespace; 1 to 100 characters. */
export const normalizeDisplayName = (raw: string, field = 'display_name'): string => {
  const name = raw.trim().replace(/\s+/g, ' ');
  const length = [...name].length;
  if (length < displayNameLimits.minLength || length > displayNameLimits.maxLength) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${field} must be ${displayNameLimits.minLength} to ${displayNameLimits.maxLength} characters`,
      { field },
    );
  }
  return name;
};

/** The name a migrated or invited-without-name user starts with: their email's local part. */
export const defaultDisplayName = (email: string): string => email.split('@')[0] ?? email;
