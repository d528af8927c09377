import type { MySession } from '@orgsphere/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { formErrorsOf } from '../api/form-errors';
import { useTRPC } from '../api/trpc';
import { useAccount } from '../api/use-account';
import { useAuth } from '../auth/auth-context';
import { ConfirmButton } from '../components/confirm-dialog';
import { FormMessage } from '../components/form-message';
import { Page } from '../components/page';
import { PaginatedTable } from '../components/paginated-table';
import { QueryState } from '../components/query-state';
import { SubmitButton } from '../components/submit-button';
import { formatDate } from './format';
import { describeUserAgent } from './user-agent';

/**
 * Every session of this account (browsers and apps signed in): sign out one of them, this
 * browser, or all of them (other browsers return to sign-in on their next call).
 */
export const SessionsPage = () => {
  const trpc = useTRPC();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const { me, active, organizations } = useAccount();
  // Always fresh on opening the page: other browsers sign in and out meanwhile.
  const sessions = useQuery({ ...trpc.me.sessions.queryOptions({}), refetchOnMount: 'always' });
  const revoke = useMutation(
    trpc.me.revokeSession.mutationOptions({
      onSuccess: (result) =>
        result.current
          ? auth.signOutLocally('You signed out.')
          : queryClient.invalidateQueries({ queryKey: trpc.me.sessions.queryKey() }),
    }),
  );
  const logout = useMutation(
    trpc.admin.logout.mutationOptions({ onSuccess: () => auth.signOutLocally('You signed out.') }),
  );
  const logoutAll = useMutation(
    trpc.admin.logoutAll.mutationOptions({
      onSuccess: () => auth.signOutLocally('You signed out of every session.'),
    }),
  );
  const organizationName = (id: string) =>
    organizations.data?.organizations.find((organization) => organization.organization_id === id)?.organization_name ??
    id;
  return (
    <Page title="My sessions">
      <QueryState pending={me.isPending} error={me.error} label="your account">
        {me.data && (
          <dl className="facts">
            <dt>Signed in as</dt>
            <dd>
              {me.data.display_name} ({me.data.email})
            </dd>
            <dt>Acting in</dt>
            <dd>
              {active?.organization_name ?? '…'} as {me.data.role}
            </dd>
          </dl>
        )}
      </QueryState>
      <QueryState pending={sessions.isPending} error={sessions.error} label="your sessions">
        <FormMessage errors={formErrorsOf(revoke.error)} />
        <PaginatedTable
          caption={`Signed-in sessions (${sessions.data?.sessions.length ?? 0})`}
          rows={sessions.data?.sessions ?? []}
          rowKey={(session) => session.session_id}
          empty="No active session."
          columns={[
            {
              header: 'Browser or app',
              cell: (session: MySession) => (
                <span title={session.user_agent ?? undefined}>
                  {describeUserAgent(session.user_agent)}
                  {session.current && <strong className="badge"> this browser</strong>}
                </span>
              ),
            },
            { header: 'IP', cell: (session) => session.ip ?? '—' },
            { header: 'Organization', cell: (session) => organizationName(session.organization_id) },
            { header: 'Signed in', cell: (session) => formatDate(session.created_at) },
            { header: 'Last used', cell: (session) => formatDate(session.last_used_at) },
            { header: 'Expires', cell: (session) => formatDate(session.expires_at) },
            {
              header: 'Actions',
              cell: (session) => (
                <button
                  type="button"
                  disabled={revoke.isPending}
                  aria-label={`Sign out ${describeUserAgent(session.user_agent)}${
                    session.current ? ' (this browser)' : ''
                  }, last used ${formatDate(session.last_used_at)}`}
                  onClick={() => revoke.mutate({ session_id: session.session_id })}
                >
                  Sign out
                </button>
              ),
            },
          ]}
        />
      </QueryState>
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          logout.mutate();
        }}
      >
        <h2>This browser</h2>
        <p>Ends this session on the server and here.</p>
        <FormMessage errors={formErrorsOf(logout.error)} />
        <SubmitButton pending={logout.isPending} pendingLabel="Signing out…">
          Sign out here
        </SubmitButton>
      </form>
      <section className="card" aria-labelledby="everywhere">
        <h2 id="everywhere">Everywhere</h2>
        <p>Ends every session of your account, in every browser and app; each must sign in again.</p>
        <ConfirmButton
          label="Sign out everywhere"
          title="Sign out of every session?"
          confirmLabel="Sign out everywhere"
          danger
          pending={logoutAll.isPending}
          errors={formErrorsOf(logoutAll.error)}
          onConfirm={() => logoutAll.mutateAsync()}
        >
          <p>Every browser and app signed in as {me.data?.email ?? 'you'} returns to sign-in.</p>
        </ConfirmButton>
      </section>
    </Page>
  );
};
