import type { WebhookEndpoint, WebhookEndpointRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { webhookEndpointsCollection, type WebhookEndpointDocument } from '../collections.js';
import { withDriverErrors } from '../driver-errors.js';

const toEndpoint = (doc: WebhookEndpointDocument): WebhookEndpoint => ({
  id: doc._id,
  organizationId: doc.organization_id,
  url: doc.url,
  description: doc.description,
  eventTypes: doc.event_types as WebhookEndpoint['eventTypes'],
  status: doc.status,
  secrets: doc.secrets.map((secret) => ({ sealed: secret.sealed, expiresAt: secret.expires_at })),
  consecutiveFailures: doc.consecutive_failures,
  createdAt: doc.created_at,
  updatedAt: doc.updated_at,
});

type Changes = Parameters<WebhookEndpointRepository['update']>[1];

const toDocumentChanges = (changes: Changes): Partial<WebhookEndpointDocument> => ({
  ...(changes.url === undefined ? {} : { url: changes.url }),
  ...(changes.description === undefined ? {} : { description: changes.description }),
  ...(changes.eventTypes === undefined ? {} : { event_types: changes.eventTypes }),
  ...(changes.status === undefined ? {} : { status: changes.status, consecutive_failures: 0 }),
  ...(changes.secrets === undefined
    ? {}
    : { secrets: changes.secrets.map((secret) => ({ sealed: secret.sealed, expires_at: secret.expiresAt })) }),
  ...(changes.updatedAt === undefined ? {} : { updated_at: changes.updatedAt }),
});

export const createWebhookEndpointsRepository = (db: Db): WebhookEndpointRepository => {
  const endpoints = webhookEndpointsCollection(db);
  return {
    insert: (endpoint) =>
      withDriverErrors(async () => {
        await endpoints.insertOne({
          _id: endpoint.id,
          organization_id: endpoint.organizationId,
          url: endpoint.url,
          description: endpoint.description,
          event_types: endpoint.eventTypes,
          status: endpoint.status,
          secrets: endpoint.secrets.map((secret) => ({ sealed: secret.sealed, expires_at: secret.expiresAt })),
          consecutive_failures: endpoint.consecutiveFailures,
          created_at: endpoint.createdAt,
          updated_at: endpoint.updatedAt,
        });
      }),
    findById: (id) =>
      withDriverErrors(async () => {
        const doc = await endpoints.findOne({ _id: id });
        return doc && toEndpoint(doc);
      }),
    listByOrganization: (organizationId) =>
      withDriverErrors(async () =>
        (await endpoints.find({ organization_id: organizationId }).sort({ created_at: 1 }).toArray()).map(toEndpoint),
      ),
    update: (id, changes) =>
      withDriverErrors(async () => {
        const doc = await endpoints.findOneAndUpdate(
          { _id: id },
          { $set: toDocumentChanges(changes) },
          { returnDocument: 'after' },
        );
        return doc && toEndpoint(doc);
      }),
    deleteById: (id) => withDriverErrors(async () => (await endpoints.deleteOne({ _id: id })).deletedCount === 1),
    recordSuccess: (id, at) =>
      withDriverErrors(async () => {
        await endpoints.updateOne(
          { _id: id, consecutive_failures: { $gt: 0 } },
          { $set: { consecutive_failures: 0, updated_at: at } },
        );
        await endpoints.updateOne({ _id: id, status: 'failing' }, { $set: { status: 'enabled', updated_at: at } });
      }),
    retireByOrganization: (organizationId, after) =>
      withDriverErrors(async () => {
        await endpoints.updateMany({ organization_id: organizationId }, { $set: { retire_after: after } });
      }),
    deleteRetired: (now) =>
      withDriverErrors(async () => (await endpoints.deleteMany({ retire_after: { $lte: now } })).deletedCount),
    recordFailure: (id, threshold, at) =>
      withDriverErrors(async () => {
        await endpoints.updateOne({ _id: id }, { $inc: { consecutive_failures: 1 } });
        // Conditional, so a disabled endpoint stays disabled and `failing` is set once.
        await endpoints.updateOne(
          { _id: id, status: 'enabled', consecutive_failures: { $gte: threshold } },
          { $set: { status: 'failing', updated_at: at } },
        );
      }),
  };
};
