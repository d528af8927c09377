import type { Member, Role } from '@orgsphere/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { formErrorsOf } from '../../api/form-errors';
import { useTRPC } from '../../api/trpc';
import { hasRole } from '../../api/use-account';
import { ConfirmButton } from '../../components/confirm-dialog';
import { FormMessage } from '../../components/form-message';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';

const roleOptions = (myRole: Role) =>
  (['member', 'admin', 'owner'] as const)
    .filter((role) => role !== 'owner' || myRole === 'owner')
    .map((role) => ({ value: role, label: role }));

/** Change role, remove and make owner, for one member row; the server decides what is allowed. */
export const MemberRowActions = ({ member, myRole }: { member: Member; myRole: Role }) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(member.role);
  const refresh = () => queryClient.invalidateQueries();
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: refresh }));
  const transfer = useMutation(trpc.members.transferOwnership.mutationOptions({ onSuccess: refresh }));
  if (!hasRole(myRole, 'admin')) return null;
  const errors = formErrorsOf(changeRole.error);
  return (
    <div className="row-actions">
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          changeRole.mutate({ user_id: member.user_id, role });
        }}
      >
        <SelectField
          label={`Role of ${member.display_name}`}
          name="role"
          value={role}
          options={roleOptions(myRole)}
          onChange={(event) => setRole(event.currentTarget.value as Role)}
        />
        <SubmitButton pending={changeRole.isPending} pendingLabel="Saving…" disabled={role === member.role}>
          Change role
        </SubmitButton>
      </form>
      <ConfirmButton
        label="Remove"
        title={`Remove ${member.display_name}?`}
        confirmLabel="Remove member"
        danger
        pending={remove.isPending}
        errors={formErrorsOf(remove.error)}
        onConfirm={() => remove.mutateAsync({ user_id: member.user_id })}
      >
        <p>{member.email} loses access to this organization at once. You can invite them again later.</p>
      </ConfirmButton>
      {myRole === 'owner' && member.role !== 'owner' && (
        <ConfirmButton
          label="Transfer ownership"
          title={`Make ${member.display_name} the owner?`}
          confirmLabel="Transfer ownership"
          danger
          pending={transfer.isPending}
          errors={formErrorsOf(transfer.error)}
          onConfirm={() => transfer.mutateAsync({ user_id: member.user_id })}
        >
          <p>{member.email} becomes an owner and you become an admin.</p>
        </ConfirmButton>
      )}
      <FormMessage errors={errors} />
    </div>
  );
};
