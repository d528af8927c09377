import type { Invitation } from '../invitations/invitation.js';
import type { Membership } from '../members/membership.js';
import { newWebhookEvent, type WebhookEvent } from './webhook-event.js';

/** Why a membership ended: an owner or admin removed the member, or the member left. */
export type RemovalReason = 'removed' | 'left';

/**
 * Member and invitation events. Each travels in the write that makes its change, inside
 * the membership or invitation document itself (see WebhookOutbox).
 */
export const memberEvents = {
  joined: (membership: Membership, invitationId: string, at: Date): WebhookEvent[] => [
    newWebhookEvent('member.joined', membership.organizationId, at, {
      user_id: membership.userId,
      role: membership.role,
      invitation_id: invitationId,
    }),
  ],
  roleChanged: (membership: Membership, to: Membership['role'], at: Date): WebhookEvent[] => [
    newWebhookEvent('member.role_changed', membership.organizationId, at, {
      user_id: membership.userId,
      previous_role: membership.role,
      role: to,
    }),
  ],
  removed: (membership: Membership, reason: RemovalReason, at: Date): WebhookEvent[] => [
    newWebhookEvent('member.removed', membership.organizationId, at, {
      user_id: membership.userId,
      role: membership.role,
      reason,
    }),
  ],
  invitationCreated: (invitation: Invitation, at: Date): WebhookEvent[] => [
    newWebhookEvent('invitation.created', invitation.organizationId, at, {
      invitation_id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      expires_at: invitation.expiresAt.toISOString(),
    }),
  ],
  invitationRevoked: (invitation: Invitation, at: Date): WebhookEvent[] => [
    newWebhookEvent('invitation.revoked', invitation.organizationId, at, {
      invitation_id: invitation.id,
      email: invitation.email,
    }),
  ],
};
