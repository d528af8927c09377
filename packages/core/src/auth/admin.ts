/** An organization's admin: the credentials that log in and manage it. */
export type Admin = {
  id: string;
  email: string;
  passwordHash: string;
  organizationId: string;
  /** Bumped when the password changes or the admin logs out everywhere: older access tokens die. */
  sessionVersion: number;
  createdAt: Date;
  updatedAt: Date;
};
