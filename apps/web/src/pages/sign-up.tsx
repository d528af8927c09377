import type { OrgSphereInputs } from '@orgsphere/client';
import { useMutation } from '@tanstack/react-query';
import { Link, Navigate, useNavigate } from 'react-router';

import { formErrorsOf } from '../api/form-errors';
import { useTRPCClient } from '../api/trpc';
import { useAuth } from '../auth/auth-context';
import { FormMessage } from '../components/form-message';
import { Page } from '../components/page';
import { SubmitButton } from '../components/submit-button';
import { TextField } from '../components/text-field';
import { formText } from '../components/form-text';

const fieldNames = ['organization_name', 'email', 'password', 'display_name'] as const;

/** Creates an organization with its owner, then signs the owner in to it. */
export const SignUpPage = () => {
  const client = useTRPCClient();
  const auth = useAuth();
  const navigate = useNavigate();
  const signUp = useMutation({
    mutationFn: async (input: OrgSphereInputs['org']['create']) => {
      await client.org.create.mutate(input);
      return client.admin.login.mutate({
        email: input.email,
        password: input.password,
        organization_name: input.organization_name,
      });
    },
    onSuccess: () => {
      auth.markSignedIn();
      void navigate('/', { replace: true });
    },
  });
  if (auth.signedIn && !signUp.isPending) return <Navigate to="/" replace />;
  const errors = formErrorsOf(signUp.error, fieldNames);
  return (
    <Page title="Create an organization">
      <form
        className="card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const displayName = formText(event.currentTarget, 'display_name').trim();
          signUp.mutate({
            organization_name: formText(event.currentTarget, 'organization_name'),
            email: formText(event.currentTarget, 'email'),
            password: formText(event.currentTarget, 'password'),
            ...(displayName ? { display_name: displayName } : {}),
          });
        }}
      >
        <TextField
          label="Organization name"
          name="organization_name"
          required
          error={errors.fields.organization_name}
        />
        <TextField label="Your name" name="display_name" autoComplete="name" error={errors.fields.display_name} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.fields.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.fields.password}
        />
        <FormMessage errors={errors} />
        <SubmitButton className="primary" pending={signUp.isPending} pendingLabel="Creating…">
          Create organization
        </SubmitButton>
      </form>
      <p>
        Already a member? <Link to="/sign-in">Sign in</Link>.
      </p>
    </Page>
  );
};
