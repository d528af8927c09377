import { AppError } from '../errors.js';
import type { Invitation } from './invitation.js';
import type { InvitationPolicy } from './policy.js';
import type { InvitationMailer } from './ports.js';

export type DeliverInvitationDeps = {
  invitationPolicy: Pick<InvitationPolicy, 'acceptLink'>;
  /** Absent: nothing is sent and the inviter gets the link to pass on. */
  mailer?: InvitationMailer | undefined;
  /** Told the link when there is no mailer (development logs it). */
  onUndeliveredLink?: ((link: string, invitation: Invitation) => void) | undefined;
};

/** Sends the accept link by email; returns it instead when no mailer is configured. */
export const deliverInvitation = async (
  deps: DeliverInvitationDeps,
  invitation: Invitation,
  token: string,
  context: { organizationName: string; inviterName: string },
): Promise<{ acceptLink: string | null }> => {
  const acceptLink = deps.invitationPolicy.acceptLink(token);
  if (!deps.mailer) {
    deps.onUndeliveredLink?.(acceptLink, invitation);
    return { acceptLink };
  }
  try {
    await deps.mailer.send({
      to: invitation.email,
      organizationName: context.organizationName,
      inviterName: context.inviterName,
      role: invitation.role,
      acceptLink,
      expiresAt: invitation.expiresAt,
    });
  } catch (error) {
    throw new AppError(
      'DELIVERY_FAILED',
      'The invitation email could not be sent; the invitation stays pending, re-send it later',
      { invitationId: invitation.id },
      { cause: error },
    );
  }
  return { acceptLink: null };
};
