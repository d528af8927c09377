import { assertAllowed, assertPerson } from '../auth/authorize.js';
import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { newIdFor, type IdSource } from '../ids.js';
import { roleCan, type Permission } from '../members/permissions.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { isVisible } from '../tenancy/visibility.js';
import { addSeconds, type Clock } from '../time.js';
import {
  apiKeyScopes,
  apiKeyStateAt,
  maxRotationGraceSeconds,
  toApiKeyView,
  type ApiKey,
  type ApiKeyView,
} from './api-key.js';
import { displayPrefixOf, generateApiKeySecret, hashApiKeySecret, type ApiKeyEnvironment } from './api-key-secret.js';
import type { LastUsedRecorder } from './last-used-recorder.js';
import type { ApiKeyRepository } from './ports.js';

export type ManageApiKeysDeps = {
  apiKeys: ApiKeyRepository;
  organizations: Pick<OrganizationRepository, 'findById'>;
  clock: Clock;
  apiKeyEnvironment: ApiKeyEnvironment;
  apiKeyUses?: Pick<LastUsedRecorder, 'pending'> | undefined;
  newId?: IdSource | undefined;
};

export type CreateApiKeyInput = { name: string; scopes: readonly Permission[]; expiresAt?: Date | null | undefined };

/** The secret comes back once, here and from a rotation; only its hash is kept. */
export type IssuedApiKey = { key: ApiKeyView; secret: string };

const maxNameLength = 100;

/** Key management is for people with apiKeys.manage; a key never mints or rotates keys. */
const assertManager = (principal: AdminPrincipal, what: string) => {
  assertPerson(principal, what);
  assertAllowed(principal, 'apiKeys.manage');
};

/** No key may hold more than the person giving it out holds, nor a person-only permission. */
const assertGrantable = (principal: AdminPrincipal, scopes: readonly Permission[]) => {
  for (const scope of scopes) {
    if (!apiKeyScopes.includes(scope)) {
      throw new AppError('API_KEY_SCOPE_INVALID', `${scope} is for people only; a key cannot hold it`, {
        field: 'scopes',
      });
    }
    if (!roleCan(principal.role, scope)) {
      throw new AppError('API_KEY_SCOPE_INVALID', `Your role (${principal.role}) does not hold ${scope}`, {
        field: 'scopes',
      });
    }
  }
};

const findOwnKey = async (deps: ManageApiKeysDeps, principal: AdminPrincipal, id: string): Promise<ApiKey> => {
  const key = await deps.apiKeys.findById(id);
  // Another organization's key does not exist for this caller.
  if (!key || key.organizationId !== principal.organizationId) {
    throw new AppError('API_KEY_NOT_FOUND', 'No such API key in this organization', { field: 'api_key_id' });
  }
  return key;
};

const keyChanged = () => new AppError('ORG_BUSY', 'This API key was changed by another request; reload and retry');

export const createApiKey = async (
  deps: ManageApiKeysDeps,
  principal: AdminPrincipal,
  input: CreateApiKeyInput,
): Promise<IssuedApiKey> => {
  assertManager(principal, 'create API keys');
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > maxNameLength) {
    throw new AppError('VALIDATION_FAILED', `A key's name is 1 to ${maxNameLength} characters`, { field: 'name' });
  }
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw new AppError('API_KEY_SCOPE_INVALID', 'Give at least one scope', { field: 'scopes' });
  assertGrantable(principal, scopes);
  const now = deps.clock.now();
  if (input.expiresAt && input.expiresAt <= now) {
    throw new AppError('VALIDATION_FAILED', 'expires_at must be in the future', { field: 'expires_at' });
  }
  const organization = await deps.organizations.findById(principal.organizationId);
  if (!isVisible(organization)) throw new AppError('SESSION_REVOKED', 'Access token is no longer valid; log in again');
  const secret = generateApiKeySecret(deps.apiKeyEnvironment);
  const key: ApiKey = {
    id: `key_${newIdFor(deps)}`,
    organizationId: organization.id,
    name,
    prefix: displayPrefixOf(secret),
    scopes,
    createdBy: principal.adminId,
    createdAt: now,
    expiresAt: input.expiresAt ?? null,
    revokedAt: null,
    lastUsedAt: null,
    secretHash: hashApiKeySecret(secret),
    previousSecretHash: null,
    previousValidUntil: null,
    rotatedAt: null,
    version: 1,
  };
  await deps.apiKeys.insert(key);
  return { key: toApiKeyView(key, now), secret };
};

export const listApiKeys = async (deps: ManageApiKeysDeps, principal: AdminPrincipal): Promise<ApiKeyView[]> => {
  assertManager(principal, 'list API keys');
  const now = deps.clock.now();
  return (await deps.apiKeys.listByOrganization(principal.organizationId)).map((key) => {
    // A use not yet flushed still counts.
    const pending = deps.apiKeyUses?.pending(key.id);
    const lastUsedAt = pending && (!key.lastUsedAt || pending > key.lastUsedAt) ? pending : key.lastUsedAt;
    return toApiKeyView({ ...key, lastUsedAt }, now);
  });
};

/** Idempotent: revoking a revoked key returns it as it is. Takes effect on the next request. */
export const revokeApiKey = async (
  deps: ManageApiKeysDeps,
  principal: AdminPrincipal,
  id: string,
): Promise<ApiKeyView> => {
  assertManager(principal, 'revoke API keys');
  const key = await findOwnKey(deps, principal, id);
  const now = deps.clock.now();
  if (key.revokedAt) return toApiKeyView(key, now);
  const revoked = await deps.apiKeys.update(key.id, key.version, {
    revokedAt: now,
    previousSecretHash: null,
    previousValidUntil: null,
  });
  if (!revoked) throw keyChanged();
  return toApiKeyView(revoked, now);
};

/**
 * A new secret; the old one keeps working for `graceSeconds` (0 to 24 h) so callers
 * can switch without an outage. Only someone who could grant every scope of the key
 * may rotate it, or rotating would hand out more than they hold.
 */
export const rotateApiKey = async (
  deps: ManageApiKeysDeps,
  principal: AdminPrincipal,
  input: { id: string; graceSeconds: number },
): Promise<IssuedApiKey> => {
  assertManager(principal, 'rotate API keys');
  if (!Number.isInteger(input.graceSeconds) || input.graceSeconds < 0 || input.graceSeconds > maxRotationGraceSeconds) {
    throw new AppError('VALIDATION_FAILED', `grace_seconds is 0 to ${maxRotationGraceSeconds}`, {
      field: 'grace_seconds',
    });
  }
  const key = await findOwnKey(deps, principal, input.id);
  const now = deps.clock.now();
  const state = apiKeyStateAt(key, now);
  if (state !== 'active') {
    throw new AppError('API_KEY_NOT_FOUND', `This API key is ${state}; create a new one`, { field: 'api_key_id' });
  }
  assertGrantable(principal, key.scopes);
  const secret = generateApiKeySecret(deps.apiKeyEnvironment);
  const rotated = await deps.apiKeys.update(key.id, key.version, {
    secretHash: hashApiKeySecret(secret),
    prefix: displayPrefixOf(secret),
    // Kept even without grace, so the old secret is refused as rotated (a clear code), not as unknown.
    previousSecretHash: key.secretHash,
    previousValidUntil: addSeconds(now, input.graceSeconds),
    rotatedAt: now,
  });
  if (!rotated) throw keyChanged();
  return { key: toApiKeyView(rotated, now), secret };
};
