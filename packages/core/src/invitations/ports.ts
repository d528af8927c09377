import type { WebhookEvent } from '../webhooks/webhook-event.js';
import type { Invitation, StoredInvitationState } from './invitation.js';

/** Invitations, looked up by the hash of their token through a unique index. */
export interface InvitationRepository {
  /** `events` join the invitation's webhook outbox in the same write (so for `transition`). */
  insert(invitation: Invitation, events?: readonly WebhookEvent[]): Promise<void>;
  findById(id: string): Promise<Invitation | null>;
  findByTokenHash(tokenHash: string): Promise<Invitation | null>;
  /** Newest first. */
  listByOrganization(organizationId: string): Promise<Invitation[]>;
  /**
   * Applies `changes` only if the invitation is still in state `from` with token hash
   * `tokenHash`: the updated invitation for exactly one caller, null for the others.
   */
  transition(
    id: string,
    expected: { state: StoredInvitationState; tokenHash: string },
    changes: Partial<Pick<Invitation, 'state' | 'tokenHash' | 'expiresAt' | 'acceptedBy' | 'updatedAt'>>,
    events?: readonly WebhookEvent[],
  ): Promise<Invitation | null>;
  deleteByOrganization(organizationId: string): Promise<void>;
}

/** What an invitation email says. */
export type InvitationMessage = {
  to: string;
  organizationName: string;
  inviterName: string;
  role: string;
  acceptLink: string;
  expiresAt: Date;
};

/** Sends invitation emails (SMTP in production). Absent: the inviter gets the link instead. */
export interface InvitationMailer {
  send(message: InvitationMessage): Promise<void>;
}
