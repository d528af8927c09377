import type { DeleteOrganizationResult } from '@orgsphere/client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';

import { formErrorsOf } from '../api/form-errors';
import { useTRPC } from '../api/trpc';
import { useAuth } from '../auth/auth-context';
import { FormMessage } from '../components/form-message';
import { Page } from '../components/page';
import { SecretOncePanel } from '../components/secret-once-panel';
import { SubmitButton } from '../components/submit-button';
import { TextField } from '../components/text-field';
import { formatDate } from './format';

/** What the settings page hands over after a delete: the restore token, to show once. */
export type RestorePageState = { deleted: DeleteOrganizationResult };

type Proof = 'token' | 'password';

const fieldNames = ['organization_name', 'restore_token', 'email', 'password', 'confirm_purge'];

const deletedOf = (state: unknown): DeleteOrganizationResult | null =>
  (state as Partial<RestorePageState> | null)?.deleted ?? null;

/** Right after a delete: the token and purge date, once (dismissing drops them from history). */
const JustDeleted = ({ deleted }: { deleted: DeleteOrganizationResult }) => {
  const navigate = useNavigate();
  if (!deleted.restore_token || !deleted.purge_after) return <p role="status">{deleted.message}</p>;
  return (
    <SecretOncePanel
      title={`${deleted.organization_name} is deleted: its restore token`}
      explanation={`Its data is kept until ${formatDate(deleted.purge_after)}, then purged for good. Until then this token restores it (so do an owner's email and password). Store it now: it is not shown again.`}
      secret={deleted.restore_token}
      onDismiss={() => void navigate('/restore', { replace: true, state: null })}
    />
  );
};

/**
 * Restores a deleted organization within its grace period, or purges it now. A deleted
 * organization's sessions are dead, so the owner proves ownership here: with the restore token
 * from the deletion, or their email and password.
 */
export const RestorePage = () => {
  const trpc = useTRPC();
  const auth = useAuth();
  const location = useLocation();
  const deleted = deletedOf(location.state);
  // Arriving from a delete: the organization's sessions are dead, so forget this one here too.
  useEffect(() => {
    if (deleted && auth.signedIn) void auth.signOutLocally(null);
  }, [deleted, auth]);
  const [name, setName] = useState(deleted?.organization_name ?? '');
  const [proof, setProof] = useState<Proof>('token');
  const [token, setToken] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirmPurge, setConfirmPurge] = useState('');
  const [last, setLast] = useState<'restore' | 'purge'>('restore');
  const restore = useMutation(trpc.org.restore.mutationOptions());
  const purge = useMutation(trpc.org.purge.mutationOptions());
  const proofInput = () => ({
    organization_name: name.trim(),
    ...(proof === 'token' ? { restore_token: token.trim() } : { email, password }),
  });
  const errors = formErrorsOf((last === 'purge' ? purge : restore).error, fieldNames);
  return (
    <Page title="Restore a deleted organization">
      {deleted && <JustDeleted deleted={deleted} />}
      {restore.isSuccess && (
        <p className="notice" role="status">
          {restore.data.organization_name} is restored. Sessions from before the delete stay ended:{' '}
          <Link to="/sign-in">sign in</Link> again.
        </p>
      )}
      {purge.isSuccess && (
        <p className="notice" role="status">
          {purge.data.message}.
        </p>
      )}
      <form
        className="card"
        noValidate
        aria-label="Restore or purge"
        onSubmit={(event) => {
          event.preventDefault();
          const action = event.nativeEvent.submitter?.getAttribute('value');
          if (action === 'purge') {
            setLast('purge');
            restore.reset();
            purge.mutate({ ...proofInput(), confirm_purge: confirmPurge.trim() });
          } else {
            setLast('restore');
            purge.reset();
            restore.mutate(proofInput());
          }
        }}
      >
        <p>Within its grace period an owner can bring a deleted organization back with its members and data.</p>
        <TextField
          label="Organization name"
          name="organization_name"
          autoComplete="off"
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.fields.organization_name}
        />
        <fieldset className="checkbox-group">
          <legend>Prove you own it</legend>
          <label>
            <input type="radio" name="proof" checked={proof === 'token'} onChange={() => setProof('token')} /> With the
            restore token
          </label>{' '}
          <label>
            <input type="radio" name="proof" checked={proof === 'password'} onChange={() => setProof('password')} />{' '}
            With an owner’s email and password
          </label>
        </fieldset>
        {proof === 'token' ? (
          <TextField
            label="Restore token"
            name="restore_token"
            autoComplete="off"
            hint="Shown once when the organization was deleted."
            value={token}
            onChange={(event) => setToken(event.currentTarget.value)}
            error={errors.fields.restore_token}
          />
        ) : (
          <>
            <TextField
              label="Owner’s email"
              name="email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={errors.fields.email}
            />
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.fields.password}
            />
          </>
        )}
        {last === 'restore' && <FormMessage errors={errors} />}
        <SubmitButton className="primary" value="restore" pending={restore.isPending} pendingLabel="Restoring…">
          Restore organization
        </SubmitButton>
        <section className="card danger-zone" aria-labelledby="purge-heading">
          <h2 id="purge-heading">Or purge it now</h2>
          <p>
            Drops the organization and all its data now instead of at the end of the grace period. This cannot be
            undone; the same proof of ownership applies.
          </p>
          <TextField
            label="Type the organization’s name again to purge it"
            name="confirm_purge"
            autoComplete="off"
            value={confirmPurge}
            onChange={(event) => setConfirmPurge(event.currentTarget.value)}
            error={errors.fields.confirm_purge}
          />
          {last === 'purge' && <FormMessage errors={errors} />}
          <SubmitButton
            className="danger"
            value="purge"
            pending={purge.isPending}
            pendingLabel="Purging…"
            disabled={confirmPurge.trim() === '' || confirmPurge.trim() !== name.trim()}
          >
            Purge now
          </SubmitButton>
        </section>
      </form>
      <p>
        <Link to="/sign-in">Back to sign-in</Link>
      </p>
    </Page>
  );
};
