import type { ApiKey } from './api-key.js';

export type ApiKeyChanges = Partial<
  Pick<ApiKey, 'revokedAt' | 'secretHash' | 'prefix' | 'previousSecretHash' | 'previousValidUntil' | 'rotatedAt'>
>;

export interface ApiKeyRepository {
  insert(key: ApiKey): Promise<void>;
  findById(id: string): Promise<ApiKey | null>;
  /** By the hash of the current secret, or of the one a rotation replaced: index lookups, never a scan. */
  findBySecretHash(hash: string): Promise<ApiKey | null>;
  listByOrganization(organizationId: string): Promise<ApiKey[]>;
  /** Applies the changes only if the key is still at `expectedVersion` (and bumps it); null otherwise. */
  update(id: string, expectedVersion: number, changes: ApiKeyChanges): Promise<ApiKey | null>;
  /** Moves each key's last use forward (never back). */
  recordLastUsed(uses: readonly { id: string; at: Date }[]): Promise<void>;
  deleteByOrganization(organizationId: string): Promise<void>;
}
