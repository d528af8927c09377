import { AppError } from '../errors.js';

export const memberNotFound = (field = 'user_id') =>
  new AppError('MEMBER_NOT_FOUND', 'No such member in this organization', { field });

export const membershipChanged = () =>
  new AppError('MEMBERSHIP_CHANGED', 'This membership was changed by another request; reload and retry');

export const lastOwner = () =>
  new AppError('LAST_OWNER', 'An organization keeps at least one owner: make someone else an owner first');
