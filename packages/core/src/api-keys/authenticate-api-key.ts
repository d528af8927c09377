import type { AdminPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import type { OrganizationRepository } from '../tenancy/ports.js';
import { assertOpenToMembers } from '../tenancy/visibility.js';
import type { Clock } from '../time.js';
import { roleForScopes } from './api-key.js';
import { hashApiKeySecret, isWellFormedApiKey } from './api-key-secret.js';
import type { LastUsedRecorder } from './last-used-recorder.js';
import type { ApiKeyRepository } from './ports.js';

export type AuthenticateApiKeyDeps = {
  apiKeys: Pick<ApiKeyRepository, 'findBySecretHash'>;
  organizations: Pick<OrganizationRepository, 'findById'>;
  clock: Clock;
  apiKeyUses?: Pick<LastUsedRecorder, 'record'> | undefined;
};

/**
 * The key named by its secret's hash, checked at every request against the clock:
 * revoked, expired, rotated out past its grace, or of an organization that is no
 * longer open to its members (deleted, being deleted: revoked; suspended: ORG_SUSPENDED)
 * all refuse it with their own code.
 */
export const authenticateApiKey = async (deps: AuthenticateApiKeyDeps, secret: string): Promise<AdminPrincipal> => {
  if (!isWellFormedApiKey(secret)) {
    throw new AppError('API_KEY_MALFORMED', 'Malformed API key: expected osk_live_ or osk_test_ and 43 characters');
  }
  const hash = hashApiKeySecret(secret);
  const key = await deps.apiKeys.findBySecretHash(hash);
  if (!key) throw new AppError('API_KEY_INVALID', 'Unknown API key');
  const now = deps.clock.now();
  if (key.revokedAt) throw new AppError('API_KEY_REVOKED', 'This API key was revoked', { apiKeyId: key.id });
  if (key.expiresAt && key.expiresAt <= now) {
    throw new AppError('API_KEY_EXPIRED', 'This API key has expired', { apiKeyId: key.id });
  }
  // Equal hashes of 256-bit secrets: comparing them reveals nothing about any secret.
  const isPrevious = key.secretHash !== hash;
  if (isPrevious && !(key.previousValidUntil && key.previousValidUntil > now)) {
    throw new AppError('API_KEY_ROTATED', 'This API key secret was rotated out; use the new secret', {
      apiKeyId: key.id,
    });
  }
  const organization = await deps.organizations.findById(key.organizationId);
  assertOpenToMembers(
    organization,
    () => new AppError('API_KEY_REVOKED', "This API key's organization no longer exists", { apiKeyId: key.id }),
  );
  deps.apiKeyUses?.record(key.id, now);
  return {
    adminId: key.id,
    organizationId: organization.id,
    sessionId: key.id,
    role: roleForScopes(key.scopes),
    apiKey: { id: key.id, name: key.name, scopes: key.scopes },
  };
};
