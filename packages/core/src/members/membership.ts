import type { Role } from './role.js';

/** One user's place in one organization. */
export type Membership = {
  organizationId: string;
  userId: string;
  role: Role;
  createdAt: Date;
  updatedAt: Date;
};
