import type { Organization } from '../tenancy/organization.js';
import { newWebhookEvent, type WebhookEvent } from './webhook-event.js';

const names = (organization: Organization) => ({ name: organization.name, slug: organization.slug });

/**
 * The events an organization change emits. They travel in the same single-document
 * write as the change itself (the organization's outbox), so they exist exactly when
 * the change does.
 */
export const organizationEvents = {
  created: (organization: Organization, at: Date): WebhookEvent[] => [
    newWebhookEvent('organization.created', organization.id, at, {
      ...names(organization),
      created_at: organization.createdAt.toISOString(),
    }),
  ],
  renamed: (organization: Organization, previousName: string, at: Date): WebhookEvent[] => [
    newWebhookEvent('organization.renamed', organization.id, at, {
      ...names(organization),
      previous_name: previousName,
    }),
    newWebhookEvent('organization.updated', organization.id, at, { ...names(organization), changes: ['name'] }),
  ],
  /** `purgeAfter`: the end of a soft deletion's grace period; none for an immediate purge. */
  deleted: (organization: Organization, at: Date, purgeAfter?: Date): WebhookEvent[] => [
    newWebhookEvent('organization.deleted', organization.id, at, {
      ...names(organization),
      ...(purgeAfter ? { purge_after: purgeAfter.toISOString() } : {}),
    }),
  ],
  restored: (organization: Organization, at: Date): WebhookEvent[] => [
    newWebhookEvent('organization.restored', organization.id, at, names(organization)),
  ],
  purged: (organization: Organization, at: Date): WebhookEvent[] => [
    newWebhookEvent('organization.purged', organization.id, at, names(organization)),
  ],
};
