import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@orgsphere/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { formErrorsOf } from '../../api/form-errors';
import { useTRPC } from '../../api/trpc';
import { Page } from '../../components/page';
import { PaginatedTable, pageOf } from '../../components/paginated-table';
import { QueryState } from '../../components/query-state';
import { SecretOncePanel } from '../../components/secret-once-panel';
import { formatDate } from '../format';
import { DeliveryLog } from './delivery-log';
import { EndpointActions } from './endpoint-actions';
import { EndpointForm, endpointFieldNames } from './endpoint-form';

const pageSize = 20;

const RegisterForm = ({ onCreated }: { onCreated: (created: WebhookEndpointWithSecret) => void }) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formKey, setFormKey] = useState(0);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: async (created) => {
        onCreated(created);
        setFormKey((key) => key + 1);
        await queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
      },
    }),
  );
  return (
    <EndpointForm
      key={formKey}
      title="Register an endpoint"
      submitLabel="Register endpoint"
      errors={formErrorsOf(create.error, endpointFieldNames)}
      pending={create.isPending}
      onSubmit={(fields) => create.mutate(fields)}
    />
  );
};

const EditForm = ({ endpoint, onDone }: { endpoint: WebhookEndpoint; onDone: () => void }) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.webhooks.update.mutationOptions({
      onSuccess: async () => {
        onDone();
        await queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
      },
    }),
  );
  return (
    <EndpointForm
      title={`Edit ${endpoint.url}`}
      submitLabel="Save endpoint"
      endpoint={endpoint}
      errors={formErrorsOf(update.error, endpointFieldNames)}
      pending={update.isPending}
      onSubmit={(fields) => update.mutate({ endpoint_id: endpoint.endpoint_id, ...fields })}
      onCancel={onDone}
    />
  );
};

/** Owners and admins: endpoints that receive the organization's signed events, and what was sent to each. */
export const WebhooksPage = () => {
  const trpc = useTRPC();
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const endpoints = useQuery(trpc.webhooks.list.queryOptions({}));
  const list = endpoints.data?.endpoints ?? [];
  const shown = pageOf(list, page, pageSize, setPage);
  const edited = list.find((endpoint) => endpoint.endpoint_id === editing);
  const logged = list.find((endpoint) => endpoint.endpoint_id === showing);
  return (
    <Page title="Webhooks">
      <p>
        Each endpoint receives the events it subscribes to, signed per Standard Webhooks; verify them with{' '}
        <code>verifyWebhook</code> from <code>@orgsphere/client/webhooks</code>.
      </p>
      {edited ? (
        <EditForm key={edited.endpoint_id} endpoint={edited} onDone={() => setEditing(null)} />
      ) : (
        <RegisterForm
          onCreated={(created) =>
            setSecret({ title: `Signing secret of ${created.endpoint.url}`, value: created.secret })
          }
        />
      )}
      {secret && (
        <SecretOncePanel
          title={secret.title}
          explanation="Give this secret to the receiver to verify signatures. It is not shown again; rotate it for a new one."
          secret={secret.value}
          onDismiss={() => setSecret(null)}
        />
      )}
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      <QueryState pending={endpoints.isPending} error={endpoints.error} label="webhook endpoints">
        <PaginatedTable
          caption="Webhook endpoints"
          rows={shown.rows}
          paging={shown.paging}
          rowKey={(endpoint) => endpoint.endpoint_id}
          empty="No endpoints yet."
          columns={[
            {
              header: 'URL',
              cell: (endpoint) => (
                <>
                  <code>{endpoint.url}</code>
                  {endpoint.description && <div className="hint">{endpoint.description}</div>}
                </>
              ),
            },
            { header: 'Events', cell: (endpoint) => endpoint.event_types.join(', ') },
            {
              header: 'Status',
              cell: (endpoint) => (
                <span className="state" data-state={endpoint.status}>
                  {endpoint.status}
                  {endpoint.consecutive_failures > 0 && ` (${endpoint.consecutive_failures} failed in a row)`}
                  {endpoint.previous_secret_expires_at &&
                    `; old secret signs until ${formatDate(endpoint.previous_secret_expires_at)}`}
                </span>
              ),
            },
            { header: 'Created', cell: (endpoint) => formatDate(endpoint.created_at) },
            {
              header: 'Actions',
              cell: (endpoint) => (
                <EndpointActions
                  endpoint={endpoint}
                  onShowDeliveries={() => setShowing(endpoint.endpoint_id)}
                  onEdit={() => setEditing(endpoint.endpoint_id)}
                  onRotated={(rotated) =>
                    setSecret({ title: `New signing secret of ${rotated.endpoint.url}`, value: rotated.secret })
                  }
                  onMessage={setMessage}
                />
              ),
            },
          ]}
        />
      </QueryState>
      {logged && <DeliveryLog key={logged.endpoint_id} endpoint={logged} />}
    </Page>
  );
};
