import { useMutation } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';

import { formErrorsOf } from '../api/form-errors';
import { useTRPC } from '../api/trpc';
import { useAuth } from '../auth/auth-context';
import { FormMessage } from '../components/form-message';
import { Page } from '../components/page';
import { SubmitButton } from '../components/submit-button';
import { TextField } from '../components/text-field';
import { formText } from '../components/form-text';

/** Only a path of this console, never another site (`//evil.example`). */
export const safeNext = (next: string | null): string => (next && /^\/(?!\/)/.test(next) ? next : '/');

export const SignInPage = () => {
  const trpc = useTRPC();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const login = useMutation(
    trpc.admin.login.mutationOptions({
      onSuccess: () => {
        auth.markSignedIn();
        void navigate(next, { replace: true });
      },
    }),
  );
  if (auth.signedIn && !login.isPending) return <Navigate to={next} replace />;
  const errors = formErrorsOf(login.error, ['email', 'password', 'organization_name']);
  return (
    <Page title="Sign in">
      {auth.notice && (
        <p className="notice" role="alert">
          {auth.notice}
        </p>
      )}
      <form
        className="card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const organization = formText(event.currentTarget, 'organization_name').trim();
          login.mutate({
            email: formText(event.currentTarget, 'email'),
            password: formText(event.currentTarget, 'password'),
            ...(organization ? { organization_name: organization } : {}),
          });
        }}
      >
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          error={errors.fields.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.fields.password}
        />
        <TextField
          label="Organization (optional)"
          name="organization_name"
          hint="Leave empty to open your oldest organization."
          error={errors.fields.organization_name}
        />
        <FormMessage errors={errors} />
        <SubmitButton className="primary" pending={login.isPending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <p>
        New here? <Link to="/sign-up">Create an organization</Link>.
      </p>
      <p>
        Deleted one by mistake? <Link to="/restore">Restore a deleted organization</Link>.
      </p>
    </Page>
  );
};
