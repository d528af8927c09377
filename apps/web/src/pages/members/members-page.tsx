import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { formErrorsOf } from '../../api/form-errors';
import { useTRPC } from '../../api/trpc';
import { useAccount } from '../../api/use-account';
import { useAuth } from '../../auth/auth-context';
import { ConfirmButton } from '../../components/confirm-dialog';
import { Page } from '../../components/page';
import { PaginatedTable, pageOf } from '../../components/paginated-table';
import { QueryState } from '../../components/query-state';
import { formatDate } from '../format';
import { MemberRowActions } from './member-row-actions';

const pageSize = 20;

export const MembersPage = () => {
  const trpc = useTRPC();
  const auth = useAuth();
  const { me, active } = useAccount();
  const members = useQuery(trpc.members.list.queryOptions({}));
  const [page, setPage] = useState(1);
  const leave = useMutation(
    trpc.members.leave.mutationOptions({
      onSuccess: () =>
        auth.signOutLocally(
          `You left ${active?.organization_name ?? 'the organization'}. Sign in to open another of your organizations.`,
        ),
    }),
  );
  const myRole = me.data?.role;
  const shown = pageOf(members.data?.members ?? [], page, pageSize, setPage);
  return (
    <Page title="Members">
      <QueryState pending={members.isPending || me.isPending} error={members.error ?? me.error} label="members">
        <PaginatedTable
          caption={`Members of ${active?.organization_name ?? 'this organization'}`}
          rows={shown.rows}
          paging={shown.paging}
          rowKey={(member) => member.user_id}
          columns={[
            { header: 'Name', cell: (member) => member.display_name },
            { header: 'Email', cell: (member) => member.email },
            { header: 'Role', cell: (member) => member.role },
            { header: 'Joined', cell: (member) => formatDate(member.joined_at) },
            {
              header: 'Actions',
              cell: (member) =>
                myRole && member.user_id !== me.data?.user_id ? (
                  <MemberRowActions key={`${member.user_id}-${member.role}`} member={member} myRole={myRole} />
                ) : (
                  'You'
                ),
            },
          ]}
        />
      </QueryState>
      <h2>Leave</h2>
      <ConfirmButton
        label="Leave this organization"
        title="Leave this organization?"
        confirmLabel="Leave"
        danger
        pending={leave.isPending}
        errors={formErrorsOf(leave.error)}
        onConfirm={() => leave.mutateAsync({})}
      >
        <p>You lose access at once; an admin can invite you again. The last owner cannot leave.</p>
      </ConfirmButton>
    </Page>
  );
};
