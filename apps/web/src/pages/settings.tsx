import type { DeleteOrganizationResult } from '@orgsphere/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';

import { formErrorsOf } from '../api/form-errors';
import { useTRPC } from '../api/trpc';
import { useAccount } from '../api/use-account';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FormMessage } from '../components/form-message';
import { Page } from '../components/page';
import { QueryState } from '../components/query-state';
import { TextField } from '../components/text-field';
import { formText } from '../components/form-text';
import type { RestorePageState } from './restore';

const RenameForm = ({ current }: { current: string }) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pendingName, setPendingName] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const rename = useMutation(
    trpc.org.update.mutationOptions({
      onSuccess: async () => {
        setPendingName(null);
        await queryClient.invalidateQueries();
        // A fresh form, whose field starts from the new name.
        setFormKey((key) => key + 1);
      },
      // Field errors show beside the field, so the dialog gets out of the way.
      onError: () => setPendingName(null),
    }),
  );
  const errors = formErrorsOf(rename.error, ['new_organization_name']);
  return (
    <>
      <form
        key={formKey}
        className="card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          rename.reset();
          setPendingName(formText(event.currentTarget, 'new_organization_name').trim());
        }}
      >
        <h2>Rename</h2>
        <TextField
          label="New name"
          name="new_organization_name"
          defaultValue={current}
          required
          error={errors.fields.new_organization_name}
        />
        <FormMessage errors={errors} />
        {rename.isSuccess && <p role="status">Renamed to {rename.data.organization_name}.</p>}
        <button type="submit" className="primary">
          Rename…
        </button>
      </form>
      <ConfirmDialog
        open={pendingName !== null}
        title="Rename the organization?"
        confirmLabel="Rename"
        pending={rename.isPending}
        onClose={() => setPendingName(null)}
        onConfirm={() =>
          pendingName !== null && rename.mutate({ organization_name: current, new_organization_name: pendingName })
        }
      >
        <p>
          “{current}” becomes “{pendingName}”. Its data moves with it; clients that look it up by the old name must use
          the new one.
        </p>
      </ConfirmDialog>
    </>
  );
};

const DeleteForm = ({ current }: { current: string }) => {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const remove = useMutation(
    trpc.org.delete.mutationOptions({
      // The restore page shows the token once, and forgets this browser's session, which died with
      // the organization (signing out here would send the console to sign-in first).
      onSuccess: (deleted: DeleteOrganizationResult) =>
        void navigate('/restore', { state: { deleted } satisfies RestorePageState }),
    }),
  );
  return (
    <section className="card danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      <p>
        Deleting signs every member out and hides the organization at once, but keeps its data for a grace period (30
        days unless the API is configured otherwise). Until its purge date an owner can restore it, with the restore
        token shown once after deleting or with their email and password; then it is purged for good.
      </p>
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Delete organization…
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${current}?`}
        confirmLabel="Delete organization"
        danger
        pending={remove.isPending}
        errors={formErrorsOf(remove.error)}
        onClose={() => setOpen(false)}
        onConfirm={() => typed === current && remove.mutate({ organization_name: current })}
      >
        <p>Every member loses access now. You can restore it until its purge date, shown next.</p>
        <TextField
          label={`Type “${current}” to confirm`}
          name="confirm_name"
          autoComplete="off"
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
        />
      </ConfirmDialog>
    </section>
  );
};

/** Owner settings: rename (with a confirmation) and delete (restorable for the grace period). */
export const SettingsPage = () => {
  const { active, organizations } = useAccount();
  return (
    <Page title="Settings">
      <QueryState pending={organizations.isPending} error={organizations.error} label="the organization">
        {active && (
          <>
            <RenameForm current={active.organization_name} />
            <DeleteForm current={active.organization_name} />
          </>
        )}
      </QueryState>
    </Page>
  );
};
