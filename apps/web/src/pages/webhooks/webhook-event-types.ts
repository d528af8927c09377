import type { WebhookEventType } from '@orgsphere/client';

/**
 * Every event type the API's input accepts, exactly: `satisfies Record<WebhookEventType, …>`
 * fails the build when the API adds or drops one (see docs/webhooks.md for the payloads).
 */
const eventTypes = {
  'organization.created': 'an organization finished being created',
  'organization.updated': 'its record changed (today: its name)',
  'organization.renamed': 'a rename finished',
  'organization.deleted': 'a delete was accepted (restorable for the grace period)',
  'organization.restored': 'a deleted organization was restored',
  'organization.purged': 'a deleted organization’s data is dropped for good',
  'member.joined': 'an invitation was accepted',
  'member.role_changed': 'a member’s role changed',
  'member.removed': 'a member was removed or left',
  'invitation.created': 'someone was invited',
  'invitation.revoked': 'an invitation was revoked',
} satisfies Record<WebhookEventType, string>;

export const eventTypeOptions = (Object.entries(eventTypes) as [WebhookEventType, string][]).map(([value, hint]) => ({
  value,
  label: value,
  hint,
}));
