import type { ApiKeyScope, Role } from '@orgsphere/client';

import { hasRole } from '../../api/use-account';

type ScopeInfo = {
  hint: string;
  /** The least role that holds it, so may give it to a key; null: for people only, never a key. */
  leastRole: Role | null;
};

/**
 * Every scope the API's input type accepts, exactly: `satisfies Record<ApiKeyScope, …>` fails
 * the build when the API adds or drops one. The API still decides (API_KEY_SCOPE_INVALID,
 * shown beside the checkboxes); this only keeps the form to what it would accept.
 */
const scopes = {
  'org.read': { hint: 'read the organization', leastRole: 'member' },
  'members.read': { hint: 'list members', leastRole: 'member' },
  'members.invite': { hint: 'invite people', leastRole: 'admin' },
  'members.remove': { hint: 'remove members', leastRole: 'admin' },
  'members.changeRole': { hint: 'change roles', leastRole: 'admin' },
  'audit.read': { hint: 'read the audit log', leastRole: 'admin' },
  'webhooks.manage': { hint: 'manage webhook endpoints', leastRole: 'admin' },
  'org.rename': { hint: 'rename the organization', leastRole: 'owner' },
  'org.settings': { hint: 'change settings', leastRole: 'owner' },
  'org.delete': { hint: 'delete the organization', leastRole: 'owner' },
  'org.export': { hint: 'export everything', leastRole: 'owner' },
  'org.import': { hint: 'import documents', leastRole: 'owner' },
  'owners.manage': { hint: 'people only', leastRole: null },
  'apiKeys.manage': { hint: 'people only', leastRole: null },
} satisfies Record<ApiKeyScope, ScopeInfo>;

/** The scopes someone with `role` may give a key, with a hint each. */
export const grantableScopes = (role: Role | undefined) =>
  (Object.entries(scopes) as [ApiKeyScope, ScopeInfo][])
    .filter(([, info]) => info.leastRole !== null && hasRole(role, info.leastRole))
    .map(([value, info]) => ({ value, label: value, hint: info.hint }));
