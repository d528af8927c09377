import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';

import { formErrorsOf } from '../api/form-errors';
import { useTRPC } from '../api/trpc';
import { useAccount } from '../api/use-account';
import { useAuth } from '../auth/auth-context';
import { FormMessage } from '../components/form-message';
import { Page } from '../components/page';
import { SubmitButton } from '../components/submit-button';
import { TextField } from '../components/text-field';
import { formText } from '../components/form-text';

/** The signed-in person's email, so they know whom they accept as. */
const SignedInAs = () => {
  const { me } = useAccount();
  return <p>You are signed in as {me.data ? <strong>{me.data.email}</strong> : '…'}.</p>;
};

/**
 * The page of an invitation's accept link (`${PUBLIC_APP_URL}/invitations/accept?token=...`):
 * signed in, accept as yourself; otherwise create your account here, or sign in first.
 */
export const AcceptInvitationPage = () => {
  const trpc = useTRPC();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async () => {
        auth.markSignedIn();
        await queryClient.invalidateQueries();
        void navigate('/', { replace: true });
      },
    }),
  );
  const errors = formErrorsOf(accept.error, ['display_name', 'password']);
  if (!token) {
    return (
      <Page title="Accept an invitation">
        <p role="alert">This link has no invitation token. Open the link from your invitation again.</p>
      </Page>
    );
  }
  const here = `${location.pathname}${location.search}`;
  return (
    <Page title="Accept an invitation">
      {auth.signedIn ? (
        <form
          className="card"
          onSubmit={(event) => {
            event.preventDefault();
            accept.mutate({ token });
          }}
        >
          <SignedInAs />
          <FormMessage errors={errors} />
          <SubmitButton className="primary" pending={accept.isPending} pendingLabel="Joining…">
            Accept invitation
          </SubmitButton>
        </form>
      ) : (
        <>
          <p>
            Already have an account? <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in first</Link>, then
            accept.
          </p>
          <form
            className="card"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              accept.mutate({
                token,
                display_name: formText(event.currentTarget, 'display_name'),
                password: formText(event.currentTarget, 'password'),
              });
            }}
          >
            <h2>New account</h2>
            <TextField label="Your name" name="display_name" autoComplete="name" error={errors.fields.display_name} />
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              error={errors.fields.password}
            />
            <FormMessage errors={errors} />
            <SubmitButton className="primary" pending={accept.isPending} pendingLabel="Joining…">
              Create account and join
            </SubmitButton>
          </form>
        </>
      )}
    </Page>
  );
};
