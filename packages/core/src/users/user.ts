/** A person who can log in; belongs to any number of organizations through memberships. */
export type User = {
  id: string;
  /** Normalised (trimmed, lowercased); globally unique. */
  email: string;
  passwordHash: string;
  displayName: string;
  /** Bumped when the password changes or the user logs out everywhere: older access tokens die. */
  sessionVersion: number;
  createdAt: Date;
  updatedAt: Date;
};

/** What the API shows of a user: never the hash. */
export type UserView = Pick<User, 'id' | 'email' | 'displayName'>;

export const displayNameLimits = { minLength: 1, maxLength: 100 } as const;
