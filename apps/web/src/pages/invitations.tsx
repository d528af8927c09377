import type { Invitation, Role, SentInvitation } from '@orgsphere/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { formErrorsOf } from '../api/form-errors';
import { useTRPC } from '../api/trpc';
import { useAccount } from '../api/use-account';
import { ConfirmButton } from '../components/confirm-dialog';
import { FormMessage } from '../components/form-message';
import { Page } from '../components/page';
import { PaginatedTable, pageOf } from '../components/paginated-table';
import { QueryState } from '../components/query-state';
import { SecretOncePanel } from '../components/secret-once-panel';
import { SelectField } from '../components/select-field';
import { SubmitButton } from '../components/submit-button';
import { TextField } from '../components/text-field';
import { formatDate } from './format';
import { formText } from '../components/form-text';

const pageSize = 20;

/** What the inviter sees after sending: the link to pass on (without SMTP), once. */
const SentNotice = ({ sent, onDismiss }: { sent: SentInvitation; onDismiss: () => void }) =>
  sent.accept_link ? (
    <SecretOncePanel
      title={`Invitation for ${sent.email} created`}
      explanation="No email server is configured, so pass this link to the invitee yourself. It is not shown again; re-send the invitation for a new one."
      secret={sent.accept_link}
      onDismiss={onDismiss}
    />
  ) : (
    <p role="status">Invitation emailed to {sent.email}.</p>
  );

const InvitationActions = ({
  invitation,
  onSent,
}: {
  invitation: Invitation;
  onSent: (sent: SentInvitation) => void;
}) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions({ onSuccess: refresh }));
  const resend = useMutation(
    trpc.invitations.resend.mutationOptions({
      onSuccess: async (sent) => {
        onSent(sent);
        await refresh();
      },
    }),
  );
  if (invitation.state !== 'pending' && invitation.state !== 'expired') return null;
  return (
    <div className="row-actions">
      <ConfirmButton
        label="Re-send"
        title={`Send the invitation for ${invitation.email} again?`}
        confirmLabel="Re-send"
        pending={resend.isPending}
        errors={formErrorsOf(resend.error)}
        onConfirm={() => resend.mutateAsync({ invitation_id: invitation.invitation_id })}
      >
        <p>A new link replaces the old one, which stops working.</p>
      </ConfirmButton>
      {invitation.state === 'pending' && (
        <ConfirmButton
          label="Revoke"
          title={`Revoke the invitation for ${invitation.email}?`}
          confirmLabel="Revoke invitation"
          danger
          pending={revoke.isPending}
          errors={formErrorsOf(revoke.error)}
          onConfirm={() => revoke.mutateAsync({ invitation_id: invitation.invitation_id })}
        >
          <p>Its link stops working at once.</p>
        </ConfirmButton>
      )}
    </div>
  );
};

export const InvitationsPage = () => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { role } = useAccount();
  const [sent, setSent] = useState<SentInvitation | null>(null);
  const [page, setPage] = useState(1);
  const [formKey, setFormKey] = useState(0);
  const invitations = useQuery(trpc.invitations.list.queryOptions({}));
  const invite = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: async (created) => {
        setSent(created);
        setFormKey((key) => key + 1);
        await queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
      },
    }),
  );
  const errors = formErrorsOf(invite.error, ['email', 'role']);
  const shown = pageOf(invitations.data?.invitations ?? [], page, pageSize, setPage);
  const roles: Role[] = role === 'owner' ? ['member', 'admin', 'owner'] : ['member', 'admin'];
  return (
    <Page title="Invitations">
      <form
        key={formKey}
        className="card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          invite.mutate({
            email: formText(event.currentTarget, 'email'),
            role: formText(event.currentTarget, 'role') as Role,
          });
        }}
      >
        <h2>Invite someone</h2>
        <TextField label="Email" name="email" type="email" autoComplete="off" required error={errors.fields.email} />
        <SelectField
          label="Role"
          name="role"
          defaultValue="member"
          options={roles.map((value) => ({ value, label: value }))}
          error={errors.fields.role}
        />
        <FormMessage errors={errors} />
        <SubmitButton className="primary" pending={invite.isPending} pendingLabel="Inviting…">
          Send invitation
        </SubmitButton>
      </form>
      {sent && <SentNotice sent={sent} onDismiss={() => setSent(null)} />}
      <QueryState pending={invitations.isPending} error={invitations.error} label="invitations">
        <PaginatedTable
          caption="Invitations, newest first"
          rows={shown.rows}
          paging={shown.paging}
          rowKey={(invitation) => invitation.invitation_id}
          empty="No invitations yet."
          columns={[
            { header: 'Email', cell: (invitation) => invitation.email },
            { header: 'Role', cell: (invitation) => invitation.role },
            { header: 'State', cell: (invitation) => invitation.state },
            { header: 'Expires', cell: (invitation) => formatDate(invitation.expires_at) },
            { header: 'Actions', cell: (invitation) => <InvitationActions invitation={invitation} onSent={setSent} /> },
          ]}
        />
      </QueryState>
    </Page>
  );
};
