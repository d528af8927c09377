import { AppError } from '../errors.js';

export const nameTaken = (name?: string, field = 'organization_name') =>
  new AppError(
    'ORG_NAME_TAKEN',
    name ? `An organization named "${name}" already exists` : 'An organization with this name already exists',
    { field },
  );

export const emailTaken = (field = 'email') =>
  new AppError('EMAIL_TAKEN', 'A user with this email already exists', { field });

export const organizationBusy = (name: string) =>
  new AppError('ORG_BUSY', `Organization "${name}" is being changed by another request; retry shortly`);
