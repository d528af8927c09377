import { permissions, roleCan, type Permission } from '../members/permissions.js';
import { roles, type Role } from '../members/role.js';

/** Permissions about people or about keys themselves: a key never holds them. */
export const personOnlyPermissions: readonly Permission[] = ['owners.manage', 'apiKeys.manage'];

/** The scopes a key may hold: the permission table, less what only makes sense for a person. */
export const apiKeyScopes: readonly Permission[] = permissions.filter((p) => !personOnlyPermissions.includes(p));

/** The scopes someone of this role may give a key: never more than the role holds. */
export const grantableScopes = (role: Role): Permission[] => apiKeyScopes.filter((scope) => roleCan(role, scope));

/** The longest a rotated-out secret may keep working. */
export const maxRotationGraceSeconds = 24 * 60 * 60;

/** A stored organization API key; the secret itself is never stored, only its SHA-256. */
export type ApiKey = {
  id: string;
  organizationId: string;
  name: string;
  /** The secret's first characters, shown in lists so people can tell keys apart. */
  prefix: string;
  scopes: Permission[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  secretHash: string;
  /** The secret a rotation replaced, valid until `previousValidUntil`. */
  previousSecretHash: string | null;
  previousValidUntil: Date | null;
  rotatedAt: Date | null;
  /** Compare-and-set guard for revoke and rotate. */
  version: number;
};

export type ApiKeyState = 'active' | 'revoked' | 'expired';

/** What a list shows: everything but the hashes. */
export type ApiKeyView = Omit<ApiKey, 'secretHash' | 'previousSecretHash' | 'version'> & { state: ApiKeyState };

export const apiKeyStateAt = (key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: Date): ApiKeyState =>
  key.revokedAt ? 'revoked' : key.expiresAt && key.expiresAt <= now ? 'expired' : 'active';

export const toApiKeyView = (key: ApiKey, now: Date): ApiKeyView => ({
  id: key.id,
  organizationId: key.organizationId,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  createdBy: key.createdBy,
  createdAt: key.createdAt,
  expiresAt: key.expiresAt,
  revokedAt: key.revokedAt,
  lastUsedAt: key.lastUsedAt,
  previousValidUntil: key.previousValidUntil && key.previousValidUntil > now ? key.previousValidUntil : null,
  rotatedAt: key.rotatedAt,
  state: apiKeyStateAt(key, now),
});

/**
 * The weakest role that holds every scope: what rank-based rules (an admin cannot
 * touch an owner) see of a key. Its scopes still bound it on top of that.
 */
export const roleForScopes = (scopes: readonly Permission[]): Role =>
  roles.find((role) => scopes.every((scope) => roleCan(role, scope))) ?? 'owner';
