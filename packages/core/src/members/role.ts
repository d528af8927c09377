/** The roles a member of an organization can hold, weakest first. */
export const roles = ['member', 'admin', 'owner'] as const;

export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export const isRole = (value: unknown): value is Role => typeof value === 'string' && roles.includes(value as Role);

/** True when `role` is strictly stronger than `other`. */
export const outranks = (role: Role, other: Role): boolean => rank[role] > rank[other];
