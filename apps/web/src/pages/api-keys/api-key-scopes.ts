import type { ApiKeyScope } from '@orgsphere/client';

/**
 * A few words on each scope, for the form. `satisfies Record<ApiKeyScope, string>` fails the
 * build when the API adds or drops one. Which scopes the caller may give is the API's answer
 * (`grantable_scopes` of `apiKeys.list`), never decided here.
 */
const scopeHints = {
  'org.read': 'read the organization',
  'members.read': 'list members',
  'members.invite': 'invite people',
  'members.remove': 'remove members',
  'members.changeRole': 'change roles',
  'audit.read': 'read the audit log',
  'webhooks.manage': 'manage webhook endpoints',
  'org.rename': 'rename the organization',
  'org.settings': 'change settings',
  'org.delete': 'delete the organization',
  'org.export': 'export everything',
  'org.import': 'import documents',
  'owners.manage': 'people only',
  'apiKeys.manage': 'people only',
} satisfies Record<ApiKeyScope, string>;

/** The scopes the API says the caller may give a key, with a hint each. */
export const scopeOptions = (grantable: readonly ApiKeyScope[]) =>
  grantable.map((value) => ({ value, label: value, hint: scopeHints[value] }));
