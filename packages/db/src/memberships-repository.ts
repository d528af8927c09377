import { AppError, type Membership, type MembershipRepository } from '@orgsphere/core';
import type { Db } from 'mongodb';

import { membershipId, membershipsCollection, type MembershipDocument } from './collections.js';
import { toWebhookEventDocument } from './webhooks/webhook-event-document.js';
import { withDriverErrors } from './driver-errors.js';

const toMembership = (doc: MembershipDocument): Membership => ({
  organizationId: doc.organization_id,
  userId: doc.user_id,
  role: doc.role,
  createdAt: doc.created_at,
  updatedAt: doc.updated_at,
});

const toDocument = (membership: Membership): MembershipDocument => ({
  _id: membershipId(membership.organizationId, membership.userId),
  organization_id: membership.organizationId,
  user_id: membership.userId,
  role: membership.role,
  created_at: membership.createdAt,
  updated_at: membership.updatedAt,
});

/** The one place a membership marked `removing` becomes invisible: every read goes through it. */
const present = { state: { $ne: 'removing' as const } };

/** Removed, and its outbox (member.removed) relayed: the document may go. */
const removedAndRelayed = {
  state: 'removing' as const,
  $or: [{ pending_events: { $exists: false } }, { pending_events: { $size: 0 } }],
};

const oldestFirst = { created_at: 1, _id: 1 } as const;

export const createMembershipsRepository = (db: Db): MembershipRepository => {
  const memberships = membershipsCollection(db);

  return {
    // The `_id` (organization + user) is the uniqueness: one membership per user and organization.
    insert: (membership, events = []) =>
      withDriverErrors(
        async () => {
          await memberships.insertOne({
            ...toDocument(membership),
            ...(events.length > 0 ? { pending_events: events.map(toWebhookEventDocument) } : {}),
          });
        },
        () => new AppError('MEMBER_EXISTS', 'This user is already a member of the organization', { field: 'email' }),
      ),

    find: (organizationId, userId) =>
      withDriverErrors(async () => {
        const doc = await memberships.findOne({ _id: membershipId(organizationId, userId), ...present });
        return doc && toMembership(doc);
      }),

    listByOrganization: (organizationId) =>
      withDriverErrors(async () =>
        (
          await memberships
            .find({ organization_id: organizationId, ...present })
            .sort(oldestFirst)
            .toArray()
        ).map(toMembership),
      ),

    listByUser: (userId) =>
      withDriverErrors(async () =>
        (
          await memberships
            .find({ user_id: userId, ...present })
            .sort(oldestFirst)
            .toArray()
        ).map(toMembership),
      ),

    countByOrganization: (organizationId) =>
      withDriverErrors(() => memberships.countDocuments({ organization_id: organizationId, ...present })),

    changeRole: (organizationId, userId, from, to, at, events = []) =>
      withDriverErrors(async () => {
        const doc = await memberships.findOneAndUpdate(
          { _id: membershipId(organizationId, userId), role: from, ...present },
          {
            $set: { role: to, updated_at: at },
            ...(events.length > 0 ? { $push: { pending_events: { $each: events.map(toWebhookEventDocument) } } } : {}),
          },
          { returnDocument: 'after' },
        );
        return doc && toMembership(doc);
      }),

    // A mark, not a delete: the document must live until its outbox carries member.removed out.
    remove: (organizationId, userId, role, at, events = []) =>
      withDriverErrors(async () => {
        const result = await memberships.updateOne(
          { _id: membershipId(organizationId, userId), role, ...present },
          {
            $set: { state: 'removing', updated_at: at },
            ...(events.length > 0 ? { $push: { pending_events: { $each: events.map(toWebhookEventDocument) } } } : {}),
          },
        );
        return result.modifiedCount === 1;
      }),

    deleteRelayedRemovals: () =>
      withDriverErrors(async () => (await memberships.deleteMany(removedAndRelayed)).deletedCount),

    deleteByOrganization: (organizationId) =>
      withDriverErrors(async () => {
        await memberships.deleteMany({ organization_id: organizationId });
      }),
  };
};
