import type { User } from './user.js';

/** User accounts. A duplicate email becomes AppError EMAIL_TAKEN. */
export interface UserRepository {
  insert(user: User): Promise<void>;
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  /** `revokeSessions` also bumps the session version, killing every earlier access token. */
  update(
    id: string,
    changes: Partial<Pick<User, 'email' | 'passwordHash' | 'displayName' | 'updatedAt'>>,
    options?: { revokeSessions?: boolean },
  ): Promise<User | null>;
  deleteById(id: string): Promise<void>;
}
