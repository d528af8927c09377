import { useMutation } from '@tanstack/react-query';

import { formErrorsOf } from '../api/form-errors';
import { useTRPC } from '../api/trpc';
import { useAccount } from '../api/use-account';
import { useAuth } from '../auth/auth-context';
import { ConfirmButton } from '../components/confirm-dialog';
import { FormMessage } from '../components/form-message';
import { Page } from '../components/page';
import { QueryState } from '../components/query-state';
import { SubmitButton } from '../components/submit-button';

/** End this session, or every session of this account (other browsers return to sign-in). */
export const SessionsPage = () => {
  const trpc = useTRPC();
  const auth = useAuth();
  const { me, active } = useAccount();
  const logout = useMutation(
    trpc.admin.logout.mutationOptions({ onSuccess: () => auth.signOutLocally('You signed out.') }),
  );
  const logoutAll = useMutation(
    trpc.admin.logoutAll.mutationOptions({
      onSuccess: () => auth.signOutLocally('You signed out of every session.'),
    }),
  );
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
          Sign out
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
