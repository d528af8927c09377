import { AppError, type Invitation, type InvitationRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { invitationsCollection, type InvitationDocument } from './collections.js';
import { toWebhookEventDocument } from './webhooks/webhook-event-document.js';
import { withDriverErrors } from './driver-errors.js';

const toInvitation = (doc: InvitationDocument): Invitation => ({
  id: doc._id,
  organizationId: doc.organization_id,
  email: doc.email,
  role: doc.role,
  tokenHash: doc.token_hash,
  state: doc.state,
  expiresAt: doc.expires_at,
  invitedBy: doc.invited_by,
  acceptedBy: doc.accepted_by,
  createdAt: doc.created_at,
  updatedAt: doc.updated_at,
});

const toDocument = (invitation: Invitation): InvitationDocument => ({
  _id: invitation.id,
  organization_id: invitation.organizationId,
  email: invitation.email,
  role: invitation.role,
  token_hash: invitation.tokenHash,
  state: invitation.state,
  expires_at: invitation.expiresAt,
  invited_by: invitation.invitedBy,
  accepted_by: invitation.acceptedBy,
  created_at: invitation.createdAt,
  updated_at: invitation.updatedAt,
});

export const createInvitationsRepository = (db: Db): InvitationRepository => {
  const invitations = invitationsCollection(db);

  return {
    insert: (invitation, events = []) =>
      withDriverErrors(
        async () => {
          await invitations.insertOne({
            ...toDocument(invitation),
            ...(events.length > 0 ? { pending_events: events.map(toWebhookEventDocument) } : {}),
          });
        },
        // Two 256-bit tokens colliding is not going to happen; say so if it ever does.
        () => new AppError('MEMBERSHIP_CHANGED', 'Could not issue an invitation token; retry'),
      ),

    findById: (id) =>
      withDriverErrors(async () => {
        const doc = await invitations.findOne({ _id: id });
        return doc && toInvitation(doc);
      }),

    // Answered by the unique token_hash index.
    findByTokenHash: (tokenHash) =>
      withDriverErrors(async () => {
        const doc = await invitations.findOne({ token_hash: tokenHash });
        return doc && toInvitation(doc);
      }),

    listByOrganization: (organizationId) =>
      withDriverErrors(async () =>
        (await invitations.find({ organization_id: organizationId }).sort({ created_at: -1, _id: -1 }).toArray()).map(
          toInvitation,
        ),
      ),

    transition: (id, expected, changes, events = []) =>
      withDriverErrors(async () => {
        const set: Partial<InvitationDocument> = {};
        if (changes.state !== undefined) set.state = changes.state;
        if (changes.tokenHash !== undefined) set.token_hash = changes.tokenHash;
        if (changes.expiresAt !== undefined) set.expires_at = changes.expiresAt;
        if (changes.acceptedBy !== undefined) set.accepted_by = changes.acceptedBy;
        if (changes.updatedAt !== undefined) set.updated_at = changes.updatedAt;
        const doc = await invitations.findOneAndUpdate(
          { _id: id, state: expected.state, token_hash: expected.tokenHash },
          {
            $set: set,
            ...(events.length > 0 ? { $push: { pending_events: { $each: events.map(toWebhookEventDocument) } } } : {}),
          },
          { returnDocument: 'after' },
        );
        return doc && toInvitation(doc);
      }),

    deleteByOrganization: (organizationId) =>
      withDriverErrors(async () => {
        await invitations.deleteMany({ organization_id: organizationId });
      }),
  };
};
