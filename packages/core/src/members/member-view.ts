import type { User } from '../users/user.js';
import type { Membership } from './membership.js';
import type { Role } from './role.js';

export type MemberView = {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  joinedAt: Date;
};

export const toMemberView = (membership: Membership, user: Pick<User, 'email' | 'displayName'>): MemberView => ({
  userId: membership.userId,
  email: user.email,
  displayName: user.displayName,
  role: membership.role,
  joinedAt: membership.createdAt,
});
