import { AppError } from '../errors.js';

export const invitationInvalid = () =>
  new AppError('INVITATION_INVALID', 'This invitation link is not valid', { field: 'token' });
export const invitationExpired = () =>
  new AppError('INVITATION_EXPIRED', 'This invitation has expired; ask for a new one', { field: 'token' });
export const invitationRevoked = () =>
  new AppError('INVITATION_REVOKED', 'This invitation was revoked', { field: 'token' });
export const invitationUsed = () =>
  new AppError('INVITATION_ALREADY_ACCEPTED', 'This invitation was already accepted', { field: 'token' });
export const invitationNotFound = () =>
  new AppError('INVITATION_NOT_FOUND', 'No such invitation in this organization', { field: 'invitation_id' });
