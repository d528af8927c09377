import type { ApiKey, IssuedApiKey } from '@orgsphere/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { formErrorsOf } from '../../api/form-errors';
import { useTRPC } from '../../api/trpc';
import { ConfirmButton } from '../../components/confirm-dialog';
import { SelectField } from '../../components/select-field';
import { defaultGracePeriod, gracePeriods } from './grace-periods';

/** Rotate (with a grace period for the old secret) and revoke one key; both ask first. */
export const ApiKeyActions = ({ apiKey, onRotated }: { apiKey: ApiKey; onRotated: (issued: IssuedApiKey) => void }) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [grace, setGrace] = useState<string>(defaultGracePeriod);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(
    trpc.apiKeys.rotate.mutationOptions({
      onSuccess: async (issued) => {
        onRotated(issued);
        await refresh();
      },
    }),
  );
  if (apiKey.state !== 'active') return null;
  return (
    <div className="row-actions">
      <ConfirmButton
        label="Rotate…"
        title={`Rotate the secret of “${apiKey.name}”?`}
        confirmLabel="Rotate secret"
        pending={rotate.isPending}
        errors={formErrorsOf(rotate.error, ['grace_seconds'])}
        onConfirm={() => rotate.mutateAsync({ api_key_id: apiKey.api_key_id, grace_seconds: Number(grace) })}
      >
        <p>A new secret is shown once. The old one keeps working for the grace period, while you roll it out.</p>
        <SelectField
          label="Old secret keeps working for"
          name="grace_seconds"
          value={grace}
          options={gracePeriods}
          onChange={(event) => setGrace(event.currentTarget.value)}
        />
      </ConfirmButton>
      <ConfirmButton
        label="Revoke"
        title={`Revoke “${apiKey.name}”?`}
        confirmLabel="Revoke key"
        danger
        pending={revoke.isPending}
        errors={formErrorsOf(revoke.error)}
        onConfirm={() => revoke.mutateAsync({ api_key_id: apiKey.api_key_id })}
      >
        <p>Every call with this key is refused from the next request on. This cannot be undone.</p>
      </ConfirmButton>
    </div>
  );
};
