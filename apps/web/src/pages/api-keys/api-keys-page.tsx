import type { ApiKey, IssuedApiKey } from '@orgsphere/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { formErrorsOf } from '../../api/form-errors';
import { useTRPC } from '../../api/trpc';
import { CheckboxGroup, formValues } from '../../components/checkbox-group';
import { FormMessage } from '../../components/form-message';
import { formText } from '../../components/form-text';
import { Page } from '../../components/page';
import { PaginatedTable, pageOf } from '../../components/paginated-table';
import { QueryState } from '../../components/query-state';
import { SecretOncePanel } from '../../components/secret-once-panel';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { formatDate } from '../format';
import { ApiKeyActions } from './api-key-actions';
import { scopeOptions } from './api-key-scopes';

const pageSize = 20;

/** The end of the chosen day, in the reader's time zone, as the API's ISO 8601. */
const endOfDay = (day: string) => new Date(`${day}T23:59:59`).toISOString();

const CreateKeyForm = ({
  grantable,
  onIssued,
}: {
  grantable: IssuedApiKey['scopes'];
  onIssued: (issued: IssuedApiKey) => void;
}) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formKey, setFormKey] = useState(0);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: async (issued) => {
        onIssued(issued);
        setFormKey((key) => key + 1);
        await queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
    }),
  );
  const errors = formErrorsOf(create.error, ['name', 'scopes', 'expires_at']);
  return (
    <form
      key={formKey}
      className="card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const expiresOn = formText(form, 'expires_at');
        create.mutate({
          name: formText(form, 'name'),
          scopes: formValues(form, 'scopes') as IssuedApiKey['scopes'],
          ...(expiresOn ? { expires_at: endOfDay(expiresOn) } : {}),
        });
      }}
    >
      <h2>Create an API key</h2>
      <TextField label="Name" name="name" autoComplete="off" required error={errors.fields.name} />
      <CheckboxGroup
        legend="Scopes (what the key may do; at most what your role may)"
        name="scopes"
        options={scopeOptions(grantable)}
        defaultChecked={['org.read']}
        error={errors.fields.scopes}
      />
      <TextField
        label="Expires on (optional)"
        name="expires_at"
        type="date"
        hint="At the end of that day; leave empty for a key that does not expire."
        error={errors.fields.expires_at}
      />
      <FormMessage errors={errors} />
      <SubmitButton className="primary" pending={create.isPending} pendingLabel="Creating…">
        Create key
      </SubmitButton>
    </form>
  );
};

/** Owners and admins: the organization's API keys, with their secrets shown only when issued. */
export const ApiKeysPage = () => {
  const trpc = useTRPC();
  const [issued, setIssued] = useState<{ title: string; key: IssuedApiKey } | null>(null);
  const [page, setPage] = useState(1);
  const keys = useQuery(trpc.apiKeys.list.queryOptions({}));
  const members = useQuery(trpc.members.list.queryOptions({}));
  const nameOf = (userId: string) =>
    members.data?.members.find((member) => member.user_id === userId)?.display_name ?? userId;
  const shown = pageOf(keys.data?.api_keys ?? [], page, pageSize, setPage);
  return (
    <Page title="API keys">
      <p>
        Keys call the API for the organization, bearing their secret as <code>Authorization: Bearer …</code>, with only
        the scopes given here.
      </p>
      {keys.data && (
        <CreateKeyForm
          grantable={keys.data.grantable_scopes}
          onIssued={(key) => setIssued({ title: `API key “${key.name}” created`, key })}
        />
      )}
      {issued && (
        <SecretOncePanel
          title={issued.title}
          explanation="Store this secret now, e.g. in your secret manager: it is not shown again. Lost secrets can be rotated."
          secret={issued.key.secret}
          onDismiss={() => setIssued(null)}
        />
      )}
      <QueryState pending={keys.isPending} error={keys.error} label="API keys">
        <PaginatedTable
          caption="API keys, newest first"
          rows={shown.rows}
          paging={shown.paging}
          rowKey={(key: ApiKey) => key.api_key_id}
          empty="No API keys yet."
          columns={[
            { header: 'Name', cell: (key) => key.name },
            { header: 'Prefix', cell: (key) => <code>{key.prefix}…</code> },
            { header: 'Scopes', cell: (key) => key.scopes.join(', ') },
            {
              header: 'Created',
              cell: (key) => `${formatDate(key.created_at)} by ${nameOf(key.created_by)}`,
            },
            { header: 'Last used', cell: (key) => (key.last_used_at ? formatDate(key.last_used_at) : 'never') },
            { header: 'Expires', cell: (key) => (key.expires_at ? formatDate(key.expires_at) : 'never') },
            {
              header: 'State',
              cell: (key) => (
                <span className="state" data-state={key.state}>
                  {key.state}
                  {key.previous_secret_valid_until &&
                    ` (old secret until ${formatDate(key.previous_secret_valid_until)})`}
                </span>
              ),
            },
            {
              header: 'Actions',
              cell: (key) => (
                <ApiKeyActions
                  apiKey={key}
                  onRotated={(rotated) => setIssued({ title: `New secret for “${rotated.name}”`, key: rotated })}
                />
              ),
            },
          ]}
        />
      </QueryState>
    </Page>
  );
};
