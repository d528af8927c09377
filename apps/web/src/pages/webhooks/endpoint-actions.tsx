import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@orgsphere/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { formErrorsOf } from '../../api/form-errors';
import { useTRPC } from '../../api/trpc';
import { ConfirmButton } from '../../components/confirm-dialog';
import { SelectField } from '../../components/select-field';
import { defaultGracePeriod, gracePeriods } from '../api-keys/grace-periods';

/** One endpoint's buttons: its deliveries, edit, disable or enable, test, rotate, delete. */
export const EndpointActions = ({
  endpoint,
  onShowDeliveries,
  onEdit,
  onRotated,
  onMessage,
}: {
  endpoint: WebhookEndpoint;
  onShowDeliveries: () => void;
  onEdit: () => void;
  onRotated: (rotated: WebhookEndpointWithSecret) => void;
  onMessage: (message: string) => void;
}) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [overlap, setOverlap] = useState<string>(defaultGracePeriod);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const enabled = endpoint.status !== 'disabled';
  const toggle = useMutation(
    trpc.webhooks.update.mutationOptions({
      onSuccess: async (updated) => {
        onMessage(`${updated.url} is ${updated.status === 'disabled' ? 'disabled' : 'enabled'}.`);
        await refresh();
      },
    }),
  );
  const sendTest = useMutation(
    trpc.webhooks.sendTest.mutationOptions({
      onSuccess: async () => {
        onMessage(`A webhook.test event is on its way to ${endpoint.url}; see its deliveries.`);
        onShowDeliveries();
        await refresh();
      },
    }),
  );
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: async (rotated) => {
        onRotated(rotated);
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: refresh }));
  const error = toggle.error ?? sendTest.error;
  return (
    <div className="row-actions">
      <button type="button" onClick={onShowDeliveries}>
        Deliveries
      </button>
      <button type="button" onClick={onEdit}>
        Edit
      </button>
      <button
        type="button"
        disabled={toggle.isPending}
        onClick={() => toggle.mutate({ endpoint_id: endpoint.endpoint_id, enabled: !enabled })}
      >
        {enabled ? 'Disable' : 'Enable'}
      </button>
      <button
        type="button"
        disabled={sendTest.isPending || !enabled}
        aria-busy={sendTest.isPending || undefined}
        onClick={() => sendTest.mutate({ endpoint_id: endpoint.endpoint_id })}
      >
        Send test event
      </button>
      <ConfirmButton
        label="Rotate secret…"
        title={`Rotate the signing secret of ${endpoint.url}?`}
        confirmLabel="Rotate secret"
        pending={rotate.isPending}
        errors={formErrorsOf(rotate.error, ['overlap_seconds'])}
        onConfirm={() => rotate.mutateAsync({ endpoint_id: endpoint.endpoint_id, overlap_seconds: Number(overlap) })}
      >
        <p>
          A new secret is shown once. During the overlap every event carries two signatures, by the old secret and the
          new, so the receiver can switch without missing one.
        </p>
        <SelectField
          label="Old secret keeps signing for"
          name="overlap_seconds"
          value={overlap}
          options={gracePeriods}
          onChange={(event) => setOverlap(event.currentTarget.value)}
        />
      </ConfirmButton>
      <ConfirmButton
        label="Delete"
        title={`Delete the endpoint ${endpoint.url}?`}
        confirmLabel="Delete endpoint"
        danger
        pending={remove.isPending}
        errors={formErrorsOf(remove.error)}
        onConfirm={() => remove.mutateAsync({ endpoint_id: endpoint.endpoint_id })}
      >
        <p>It receives no more events, and its delivery log goes with it.</p>
      </ConfirmButton>
      {error && <span role="alert">{formErrorsOf(error).message}</span>}
    </div>
  );
};
