import type { ZodError } from 'zod';

/** "email: Invalid email address; password: Too small" — field first, for humans. */
export const describeZodError = (error: ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
